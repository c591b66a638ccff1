"""Resolve the Neo4j server and Browser jars from Maven Central, once, into a shared cache folder.

No tarball and no Docker: `mvn dependency:copy-dependencies` (runtime scope, so the runtime-scoped
Neo4j modules such as the record storage engine come along) into `<cache>/neo4j-<v>+browser-<bv>/lib`.
The folder is complete only when its `.complete` marker exists, so an interrupted download is redone.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

from ecgraph.schemas.errors import ServerError, ToolMissingError

__all__ = ["lib_dir_for", "resolve_jars"]

ENTRY_POINT_SERVICE = "META-INF/services/org.neo4j.server.startup.EntryPoint"


def lib_dir_for(cache_dir: Path, neo4j_version: str, browser_version: str) -> Path:
    return cache_dir / f"neo4j-{neo4j_version}+browser-{browser_version}" / "lib"


def _check_lib(lib: Path, neo4j_version: str, browser_version: str) -> None:
    """Assert the jars we rely on are there: the server's entry point and the Browser's web app."""
    server_jar = lib / f"org.neo4j.neo4j-{neo4j_version}.jar"
    browser_jar = lib / f"org.neo4j.client.neo4j-browser-{browser_version}.jar"
    for jar in (server_jar, browser_jar):
        if not jar.exists():
            raise ServerError(f"Maven resolved {lib} but {jar.name} is missing from it")
    with zipfile.ZipFile(server_jar) as zf:
        entry = zf.read(ENTRY_POINT_SERVICE).decode().strip()
    if entry != "org.neo4j.server.CommunityEntryPoint":
        raise ServerError(f"{server_jar.name} names entry point {entry!r}, expected CommunityEntryPoint")
    with zipfile.ZipFile(browser_jar) as zf:
        if "browser/index.html" not in zf.namelist():
            raise ServerError(f"{browser_jar.name} holds no browser/index.html")


def resolve_jars(cache_dir: Path, neo4j_version: str, browser_version: str, *, quiet: bool = True) -> Path:
    """Return the lib folder with every jar the server needs, resolving it with Maven if needed."""
    lib = lib_dir_for(cache_dir, neo4j_version, browser_version)
    if (lib.parent / ".complete").exists():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ToolMissingError("mvn", "Install Maven (Debian: apt-get install maven) or point NEO4J_URI at a running Neo4j.")
    lib.parent.mkdir(parents=True, exist_ok=True)
    template = resources.files("ecgraph.graph.neo4j").joinpath("pom.xml").read_text(encoding="utf-8")
    pom_text = template.replace("@NEO4J_VERSION@", neo4j_version).replace("@BROWSER_VERSION@", browser_version)
    with tempfile.TemporaryDirectory(dir=lib.parent) as tmp:
        pom = Path(tmp) / "pom.xml"
        pom.write_text(pom_text, encoding="utf-8")
        staging = Path(tmp) / "lib"
        cmd = [
            mvn, "-B", *(["-q"] if quiet else []), "-f", str(pom), "dependency:copy-dependencies",
            "-DincludeScope=runtime", "-Dmdep.prependGroupId=true", f"-DoutputDirectory={staging}",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)  # failure explained below
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise ServerError(
                f"Maven could not resolve Neo4j {neo4j_version} / Browser {browser_version} "
                f"(exit {proc.returncode}). Check access to Maven Central and the versions "
                f"(ECGRAPH_NEO4J_VERSION, ECGRAPH_BROWSER_VERSION).\n{tail}"
            )
        _check_lib(staging, neo4j_version, browser_version)
        if lib.exists():
            shutil.rmtree(lib)
        staging.rename(lib)
    (lib.parent / ".complete").write_text(f"{neo4j_version} {browser_version}\n", encoding="utf-8")
    return lib
