// E-commerce operators' orders (issue 20): orders, their versions, accounts, items, parcels, hashed contacts.
// The model is documented in schemas/model/{order,order_version,account,order_item,parcel,contact}.yaml.
CREATE CONSTRAINT order_id IF NOT EXISTS FOR (n:Order) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT order_version_id IF NOT EXISTS FOR (n:OrderVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT order_item_id IF NOT EXISTS FOR (n:OrderItem) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT parcel_tracking_number IF NOT EXISTS FOR (n:Parcel) REQUIRE n.tracking_number IS UNIQUE;
CREATE CONSTRAINT contact_hash IF NOT EXISTS FOR (n:Contact) REQUIRE n.hash IS UNIQUE;
CREATE INDEX order_placed_at IF NOT EXISTS FOR (n:Order) ON (n.placed_at);
CREATE INDEX declaration_tracking_number IF NOT EXISTS FOR (n:Declaration) ON (n.tracking_number);
CREATE INDEX declaration_type IF NOT EXISTS FOR (n:Declaration) ON (n.declaration_type);
