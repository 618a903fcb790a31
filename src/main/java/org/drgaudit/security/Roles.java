package org.drgaudit.security;

/** The roles of DESIGN §10. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String INSPECTOR = "inspector";
    public static final String REVIEWER = "reviewer";
    public static final String HOSPITAL = "hospital";
    public static final String POLICY = "policy";
    public static final String APPROVER = "approver";

    private Roles() {
    }
}
