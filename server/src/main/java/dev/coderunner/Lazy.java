package dev.coderunner;

import java.util.function.Supplier;

/**
 * A value made on first use instead of while the control plane starts (an {@code HttpClient} sets up TLS, a
 * bcrypt hash costs ~0.1 s of CPU). Two threads racing on the first use may both make one; either is kept,
 * so only use it for values where any instance is as good as another.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> make;
    private volatile T value;

    private Lazy(Supplier<T> make) {
        this.make = make;
    }

    public static <T> Lazy<T> of(Supplier<T> make) {
        return new Lazy<>(make);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            v = make.get();
            value = v;
        }
        return v;
    }
}
