package ru.vklad.gateway.rest;

/** Realm roles of the {@code vklad} Keycloak realm. */
public final class Roles {

    public static final String HR_ADMIN = "hr-admin";
    public static final String HR_ANALYST = "hr-analyst";
    public static final String EMPLOYEE = "employee";

    private Roles() {
    }
}
