// Label captures from officers' smart glasses (issue 8). One statement per `;`, each idempotent.
// The model is documented in schemas/model/{label_capture,image,label_mention,has_image,of,shows,refers_to,contradicts}.yaml.
// Declaration {number} is constrained in 20_declarations.cypher; captures MERGE the same nodes.
CREATE CONSTRAINT label_capture_id IF NOT EXISTS FOR (n:LabelCapture) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT image_sha256 IF NOT EXISTS FOR (n:Image) REQUIRE n.sha256 IS UNIQUE;
CREATE CONSTRAINT label_mention_id IF NOT EXISTS FOR (n:LabelMention) REQUIRE n.id IS UNIQUE;
CREATE INDEX label_mention_type_norm IF NOT EXISTS FOR (n:LabelMention) ON (n.type, n.norm);
CREATE INDEX label_capture_captured_at IF NOT EXISTS FOR (n:LabelCapture) ON (n.captured_at);
