// Entity resolution (issue 9): party clusters; MATCHES / SAME_AS edges need no constraint.
// The model is documented in schemas/model/{matches,same_as,party_cluster}.yaml.
CREATE CONSTRAINT party_cluster_id IF NOT EXISTS FOR (n:PartyCluster) REQUIRE n.id IS UNIQUE;
CREATE INDEX party_screen_hash IF NOT EXISTS FOR (n:Party) ON (n.screen_hash);
