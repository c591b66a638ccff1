// Rule engine: alerts, their events, analysts' suppressions, screening runs and the run lock.
// Model: schemas/model/alert.yaml, alert_event.yaml, suppression.yaml, screening_run.yaml, value_stats.yaml,
// value_stats_state.yaml.
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (n:Alert) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT suppression_pair IF NOT EXISTS FOR (n:Suppression) REQUIRE (n.party, n.entry) IS UNIQUE;
CREATE CONSTRAINT screening_run_id IF NOT EXISTS FOR (n:ScreeningRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT lock_id IF NOT EXISTS FOR (n:Lock) REQUIRE n.id IS UNIQUE;
CREATE INDEX alert_status IF NOT EXISTS FOR (n:Alert) ON (n.status);
CREATE INDEX alert_declaration IF NOT EXISTS FOR (n:Alert) ON (n.declaration);
CREATE INDEX declaration_screened_at IF NOT EXISTS FOR (n:Declaration) ON (n.screened_at);
CREATE CONSTRAINT value_stats_key IF NOT EXISTS FOR (n:ValueStats) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT value_stats_state_id IF NOT EXISTS FOR (n:ValueStatsState) REQUIRE n.id IS UNIQUE;
