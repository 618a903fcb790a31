package org.drgaudit.shared;

import java.util.List;

/**
 * A failure a user can act on. Mapped once to {@code application/problem+json} with the HTTP status,
 * a short title, the detail and, where the input had several faults, each located fault.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<?> errors;
    private final Object body;

    public DomainException(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    public DomainException(int status, String title, String detail, List<?> errors, Object body) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.body = body;
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(404, "Not found", what + " '" + id + "' does not exist.");
    }

    public static DomainException badRequest(String detail) {
        return new DomainException(400, "Bad request", detail);
    }

    public static DomainException conflict(String detail) {
        return new DomainException(409, "Conflict", detail);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(403, "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<?> errors() {
        return errors;
    }

    /** Extra members merged into the problem document (e.g. an import result). */
    public Object body() {
        return body;
    }
}
