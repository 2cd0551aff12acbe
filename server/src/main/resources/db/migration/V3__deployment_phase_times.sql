-- When each phase of a deployment began, as JSON: [{"phase":"building","at":"…"}, …].
ALTER TABLE deployments ADD COLUMN phase_times VARCHAR(4000);
