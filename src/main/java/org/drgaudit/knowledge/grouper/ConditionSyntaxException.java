package org.drgaudit.knowledge.grouper;

/** An entry condition that cannot be compiled, with the 1-based column where it went wrong. */
public final class ConditionSyntaxException extends RuntimeException {

    private final int column;

    public ConditionSyntaxException(String message, int column) {
        super(message);
        this.column = column;
    }

    public int column() {
        return column;
    }

    @Override
    public String getMessage() {
        return "column " + column + ": " + super.getMessage();
    }
}
