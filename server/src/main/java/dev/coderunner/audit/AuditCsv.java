package dev.coderunner.audit;

import tools.jackson.databind.json.JsonMapper;

/** RFC 4180 CSV rows for the audit export, safe to open in a spreadsheet. */
final class AuditCsv {

    static final String HEADER = "id,time,actor,action,method,route,target,app,env,status,ip,detail\r\n";

    private AuditCsv() {
    }

    static String row(AuditEvent e, JsonMapper json) {
        return String.join(",", Long.toString(e.id()), e.time().toString(), cell(e.actor()), cell(e.action()), cell(e.method()),
                cell(e.route()), cell(e.target()), cell(e.app()), cell(e.env()), e.status() == null ? "" : e.status().toString(),
                cell(e.ip()), cell(json.writeValueAsString(e.detail()))) + "\r\n";
    }

    /** Quoted when needed; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
