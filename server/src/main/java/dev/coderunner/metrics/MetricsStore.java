package dev.coderunner.metrics;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/** The {@code metric_points} table: samples written in batches, read by range, deleted by age. */
@Repository
class MetricsStore {

    private static final String COLUMNS = Stream.of(Field.ALL).map(f -> f.column).collect(Collectors.joining(", "));
    private static final String INSERT = "INSERT INTO metric_points (step_seconds, app, env, at_epoch, instance, process_type, "
            + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?" + ", ?".repeat(Field.ALL.length) + ")";
    private static final String SELECT = "SELECT instance, process_type, at_epoch, " + COLUMNS
            + " FROM metric_points WHERE step_seconds = ? AND app = ? AND env = ? AND at_epoch >= ? AND at_epoch < ?";
    private static final String SELECT_EVERY_SERIES = "SELECT instance, process_type, at_epoch, " + COLUMNS
            + ", app, env FROM metric_points WHERE step_seconds = ? AND at_epoch >= ? AND at_epoch < ? ORDER BY at_epoch";

    private final JdbcTemplate jdbc;

    MetricsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<Point> points) {
        if (points.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, points, 500, (PreparedStatement ps, Point p) -> {
            ps.setInt(1, p.step());
            ps.setString(2, p.app());
            ps.setString(3, p.env());
            ps.setLong(4, p.epochSecond());
            ps.setString(5, p.instance());
            ps.setString(6, p.processType());
            for (int i = 0; i < Field.ALL.length; i++) {
                double v = p.values()[i];
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    ps.setNull(7 + i, Types.REAL);
                } else {
                    ps.setFloat(7 + i, (float) v);
                }
            }
        });
    }

    /** Samples of one environment (itself and its instances) at one resolution with {@code from <= time < to}, oldest first. */
    List<Point> find(int step, String app, String env, long fromEpoch, long toEpoch, boolean withInstances) {
        String sql = SELECT + (withInstances ? "" : " AND instance = ''") + " ORDER BY at_epoch";
        return jdbc.query(sql, (rs, n) -> map(step, app, env, rs), step, app, env, fromEpoch, toEpoch);
    }

    /**
     * Samples of every series at one resolution with {@code from <= time < to}, oldest first, handed over one
     * by one rather than as a list (a replay after a restart reads up to a 30-minute period of every series).
     */
    void each(int step, long fromEpoch, long toEpoch, Consumer<Point> action) {
        int app = Field.ALL.length + 4;
        jdbc.query(SELECT_EVERY_SERIES, (RowCallbackHandler) rs -> action.accept(map(step, rs.getString(app), rs.getString(app + 1), rs)),
                step, fromEpoch, toEpoch);
    }

    /** The time of the newest sample at this resolution, if any. */
    Optional<Long> newest(int step) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(at_epoch) FROM metric_points WHERE step_seconds = ?", Long.class, step));
    }

    /** The time of the oldest sample at this resolution, if any. */
    Optional<Long> oldest(int step) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(at_epoch) FROM metric_points WHERE step_seconds = ?", Long.class, step));
    }

    /** Deletes samples of one resolution older than {@code beforeEpoch}; returns how many. */
    int prune(int step, long beforeEpoch) {
        return jdbc.update("DELETE FROM metric_points WHERE step_seconds = ? AND at_epoch < ?", step, beforeEpoch);
    }

    /** Deletes the samples of every resolution other than {@code raw} and {@code kept}; returns how many. */
    int pruneOtherSteps(int raw, int... kept) {
        StringBuilder in = new StringBuilder("?");
        Object[] args = new Object[kept.length + 1];
        args[0] = raw;
        for (int i = 0; i < kept.length; i++) {
            in.append(", ?");
            args[i + 1] = kept[i];
        }
        return jdbc.update("DELETE FROM metric_points WHERE step_seconds NOT IN (" + in + ")", args);
    }

    private static Point map(int step, String app, String env, ResultSet rs) throws SQLException {
        double[] values = new double[Field.ALL.length];
        for (int i = 0; i < values.length; i++) {
            float v = rs.getFloat(4 + i);
            values[i] = rs.wasNull() ? Double.NaN : v;
        }
        return new Point(step, app, env, rs.getString(1), rs.getString(2), rs.getLong(3), values);
    }
}
