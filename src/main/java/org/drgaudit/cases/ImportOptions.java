package org.drgaudit.cases;

import org.drgaudit.shared.DomainException;

/** How an import treats bad records ({@code mode}) and records whose id is already stored ({@code replace}). */
public record ImportOptions(boolean partial, boolean replace) {

    public static final ImportOptions DEFAULT = new ImportOptions(false, false);

    public static ImportOptions of(String mode, boolean replace) {
        if (mode == null || mode.isBlank() || mode.equals("all-or-nothing")) {
            return new ImportOptions(false, replace);
        }
        if (mode.equals("partial")) {
            return new ImportOptions(true, replace);
        }
        throw DomainException.badRequest("Query parameter 'mode' must be 'all-or-nothing' or 'partial', not '" + mode + "'.");
    }
}
