package dev.headroom.dashboard.http;

/** A request parameter with a bad value: HTTP 400 with a JSON body naming {@link #parameter()}. */
public final class BadParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
