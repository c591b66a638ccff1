// Export declarations (issue 4): declarations, their versions, parties, goods items.
// The model is documented in schemas/model/{declaration,declaration_version,party,goods_item,exporter,consignee,end_user,notify_party,forwarder,declarant}.yaml.
CREATE CONSTRAINT declaration_number IF NOT EXISTS FOR (n:Declaration) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT declaration_version_id IF NOT EXISTS FOR (n:DeclarationVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT party_key IF NOT EXISTS FOR (n:Party) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT goods_item_id IF NOT EXISTS FOR (n:GoodsItem) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT hs_code_code IF NOT EXISTS FOR (n:HSCode) REQUIRE n.code IS UNIQUE;
CREATE INDEX declaration_date IF NOT EXISTS FOR (n:Declaration) ON (n.date);
CREATE INDEX party_corp_no IF NOT EXISTS FOR (n:Party) ON (n.corp_no);
