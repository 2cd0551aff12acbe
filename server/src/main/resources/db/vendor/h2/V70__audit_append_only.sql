-- The audit log is append-only in the database too, not only by code: updating or deleting a row fails.
CREATE TRIGGER audit_events_append_only BEFORE UPDATE, DELETE ON audit_events FOR EACH ROW CALL 'dev.coderunner.audit.AppendOnlyTrigger';
