"""Capture conditions of a warehouse seen through smart glasses, drawn per severity (40 % light,
40 % medium, 20 % heavy), and the small hand/head jitter between frames of a burst."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

from benchmarks.fieldlabels import surfaces

SIZES = ((1280, 960), (1280, 720), (960, 1280), (1024, 768), (1152, 864), (1280, 1024))
LOWRES_SIZES = ((800, 600), (720, 960), (960, 720), (640, 480))
OCCLUDERS = ("finger", "thumb", "strap", "sticker", "glove", "pen")
CASTS = {"neutral": (1.0, 1.0, 1.0), "sodium": (1.12, 0.92, 0.62), "cool_led": (0.86, 0.97, 1.15),
         "fluorescent": (0.93, 1.06, 0.95), "warm": (1.08, 0.98, 0.82)}


@dataclass(frozen=True)
class Scene:
    """Everything about one capture except the label itself; frames of a burst share most of it."""

    severity: str
    size: tuple[int, int]
    background: str
    fill: float  # label width as a share of the frame
    centre: tuple[float, float]  # label centre, share of frame
    rotation_deg: float
    look_down: float  # top edge shrink from looking down
    yaw: float  # one side nearer
    k1: float
    bend: float  # 0 flat, else label half-width over radius (0.3-1.1)
    bend_axis: str
    wrinkle_px: float
    fade: float  # 0 none … 0.6 strong loss of ink contrast
    smudge: float
    gain: float
    cast: str
    gradient: tuple[float, float]
    vignette: float
    shadow: dict[str, Any] | None
    glare: dict[str, Any] | None
    motion_px: float
    motion_deg: float
    defocus_px: float
    lowres: float
    noise_sigma: float
    jpeg_quality: int
    occluder: dict[str, Any] | None
    min_text_px: float
    seed: int  # noise, blur and glare of this frame
    texture_seed: int  # background and label texture, shared by a burst


def draw(rnd: random.Random, label_reflective: bool, surface: str, curved: bool = False) -> Scene:
    """Draw one capture's conditions."""
    sev = rnd.choices(("light", "medium", "heavy"), (0.4, 0.4, 0.2))[0]
    lvl = {"light": 0.0, "medium": 0.5, "heavy": 1.0}[sev]
    u = rnd.uniform

    def maybe(p_light: float, p_heavy: float) -> bool:
        return rnd.random() < p_light + (p_heavy - p_light) * lvl

    lowres = sev == "heavy" and rnd.random() < 0.35
    size = rnd.choice(LOWRES_SIZES if lowres else SIZES)
    shadow = None
    if maybe(0.1, 0.5):
        shadow = {"angle_deg": round(u(0, 360), 1), "offset": round(u(-0.35, 0.35), 3),
                  "strength": round(u(0.3, 0.62), 3), "edge_px": round(u(0.8, 4), 2),
                  # a half-plane (the wearer, a wall) or a band (a rack beam, a strap overhead)
                  "band": round(u(0.08, 0.3), 3) if rnd.random() < 0.4 else None}
    glare = None
    if maybe(0.15, 0.6) or (label_reflective and rnd.random() < 0.6):
        glare = {"x": round(u(0.2, 0.8), 3), "y": round(u(0.2, 0.8), 3), "radius": round(u(0.06, 0.2), 3),
                 "strength": round(u(0.35, 0.7 + 0.4 * lvl), 3), "streak": rnd.random() < 0.4}
    occluder = None
    if maybe(0.12, 0.55):
        occluder = {"kind": rnd.choice(OCCLUDERS), "side": rnd.choice(("left", "right", "top", "bottom")),
                    "along": round(u(0.1, 0.9), 3), "depth": round(u(0.06, 0.16 + 0.12 * lvl), 3),
                    "width": round(u(0.07, 0.16), 3)}
    motion = u(2 + 2 * lvl, 4 + 7 * lvl) if maybe(0.2, 0.7) else 0.0
    bend = u(0.3, 0.6 + 0.5 * lvl) if (maybe(0.12, 0.4) or (curved and rnd.random() < 0.8)) else 0.0
    scene = Scene(
        severity=sev, size=size, background=rnd.choice(surfaces.BACKGROUNDS),
        fill=u(0.62, 0.92), centre=(u(0.42, 0.58), u(0.42, 0.58)), rotation_deg=u(-4 - 10 * lvl, 4 + 10 * lvl),
        look_down=u(0.0, 0.08 + 0.16 * lvl), yaw=u(-0.04 - 0.08 * lvl, 0.04 + 0.08 * lvl),
        k1=-u(0.02, 0.06 + 0.16 * lvl), bend=bend, bend_axis="vertical" if rnd.random() < 0.75 else "horizontal",
        wrinkle_px=u(0.6, 1.5 + 2.5 * lvl) if (surface in ("film", "thermal", "paper") and maybe(0.15, 0.5)) else 0.0,
        fade=u(0.15, 0.3 + 0.2 * lvl) if maybe(0.12, 0.45) else 0.0,
        smudge=u(0.3, 1.0) if maybe(0.05, 0.35) else 0.0,
        gain=u(0.8, 1.1) if not maybe(0.1, 0.6) else u(0.45 + 0.15 * (1 - lvl), 0.75),
        cast=rnd.choice(tuple(CASTS)) if maybe(0.3, 0.8) else "neutral",
        gradient=(u(-0.25 - 0.2 * lvl, 0.25 + 0.2 * lvl), u(-0.25 - 0.2 * lvl, 0.25 + 0.2 * lvl)),
        vignette=u(0.05, 0.2 + 0.3 * lvl), shadow=shadow, glare=glare, motion_px=round(motion, 2),
        motion_deg=u(0, 180), defocus_px=u(0.9, 1.3 + 1.3 * lvl) if maybe(0.2, 0.6) else 0.0,
        lowres=u(0.45, 0.7) if lowres or (sev == "heavy" and rnd.random() < 0.3) else 1.0,
        noise_sigma=u(1.0, 3.0 + 8.0 * lvl), jpeg_quality=rnd.randint(int(85 - 40 * lvl), 94 - int(12 * lvl)),
        occluder=occluder, min_text_px=13.0 if sev != "heavy" else 10.5, seed=rnd.randrange(2**31),
        texture_seed=rnd.randrange(2**31),
    )
    return _cap_hardships(scene, rnd)


def _cap_hardships(scene: Scene, rnd: random.Random) -> Scene:
    """Realistic, not adversarial: at most 1 / 2 / 3 hard effects at once (light / medium / heavy)."""
    hard = {
        "motion": scene.motion_px > 5, "defocus": scene.defocus_px > 1.6, "lowres": scene.lowres < 0.8,
        "dark": scene.gain < 0.6, "fade": scene.fade > 0.3, "glare": bool(scene.glare and scene.glare["strength"] > 0.9),
        "smudge": scene.smudge > 0.6,
    }
    present = [name for name, on in hard.items() if on]
    rnd.shuffle(present)
    limit = {"light": 1, "medium": 2, "heavy": 3}[scene.severity]
    undo = {"motion": {"motion_px": 4.0}, "defocus": {"defocus_px": 1.2}, "lowres": {"lowres": 1.0},
            "dark": {"gain": 0.75}, "fade": {"fade": 0.2}, "smudge": {"smudge": 0.3},
            "glare": {"glare": dict(scene.glare or {}, strength=0.6)}}
    for name in present[limit:]:
        scene = replace(scene, **undo[name])  # type: ignore[arg-type]
    return scene


def jitter(scene: Scene, rnd: random.Random, frame: int) -> Scene:
    """A later frame of the burst: the framing drifts a little (hand tremor, head moving) and blur,
    noise, glare and light are drawn anew."""
    if frame == 0:
        return scene
    u = rnd.uniform
    head = random.Random(scene.texture_seed)  # the head's slow drift, the same for every frame of the burst
    drift = (head.uniform(-0.004, 0.004), head.uniform(-0.004, 0.004), head.uniform(-0.15, 0.15))
    cx = scene.centre[0] + drift[0] * frame
    cy = scene.centre[1] + drift[1] * frame
    glare = scene.glare
    if glare is not None:
        glare = dict(glare, x=round(glare["x"] + u(-0.08, 0.08), 3), y=round(glare["y"] + u(-0.08, 0.08), 3),
                     strength=round(glare["strength"] * u(0.6, 1.2), 3))
    blurry = rnd.random() < {"light": 0.25, "medium": 0.45, "heavy": 0.6}[scene.severity]
    frame_scene = replace(
        scene, centre=(cx + u(-0.015, 0.015), cy + u(-0.015, 0.015)), fill=scene.fill * u(0.96, 1.04),
        rotation_deg=scene.rotation_deg + drift[2] * frame + u(-1.2, 1.2), look_down=max(0.0, scene.look_down + u(-0.02, 0.02)),
        yaw=scene.yaw + u(-0.015, 0.015), gain=scene.gain * u(0.85, 1.12), glare=glare,
        gradient=(scene.gradient[0] + u(-0.05, 0.05), scene.gradient[1] + u(-0.05, 0.05)),
        motion_px=round(u(2, 5 + 5 * (scene.severity == "heavy")), 2) if blurry else round(u(0, 1.5), 2),
        motion_deg=u(0, 180), defocus_px=u(0.8, 2.5) if rnd.random() < 0.25 else 0.0,
        noise_sigma=max(0.5, scene.noise_sigma * u(0.7, 1.3)),
        jpeg_quality=max(35, min(95, scene.jpeg_quality + rnd.randint(-6, 6))), seed=rnd.randrange(2**31),
    )
    return _cap_hardships(frame_scene, rnd)
