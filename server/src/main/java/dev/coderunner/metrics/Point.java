package dev.coderunner.metrics;

/**
 * One stored sample: an environment as a whole ({@code instance} empty) or one instance of it, at
 * {@code epochSecond} (the start of its step), with one value per {@link Field} (NaN = not measured).
 */
record Point(int step, String app, String env, String instance, String processType, long epochSecond, double[] values) {

    static final String ENVIRONMENT = "";

    double get(Field field) {
        return values[field.ordinal()];
    }

    boolean isEnvironment() {
        return instance.isEmpty();
    }
}
