package org.drgaudit.cases;

import java.util.List;

/**
 * What an import did: records stored, identical re-uploads skipped, bad records rejected, and each
 * fault located by line and field (the first {@link #MAX_ERRORS_LISTED}; {@code rejected} counts all).
 */
public record ImportResult(long accepted, long skipped, long rejected, List<ImportError> errors) {

    public static final int MAX_ERRORS_LISTED = 1000;
}
