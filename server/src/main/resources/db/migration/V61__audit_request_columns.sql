-- The central request audit: which app and environment a row is about, and the HTTP method,
-- route pattern and answer status of the request that made it. Rows are still only ever inserted.
ALTER TABLE audit_events ADD COLUMN app VARCHAR(40);
ALTER TABLE audit_events ADD COLUMN env VARCHAR(40);
ALTER TABLE audit_events ADD COLUMN method VARCHAR(10);
ALTER TABLE audit_events ADD COLUMN route VARCHAR(300);
ALTER TABLE audit_events ADD COLUMN status INTEGER;
CREATE INDEX audit_events_by_app ON audit_events (app, id);
CREATE INDEX audit_events_by_actor ON audit_events (actor, id);
