package ru.vklad.ledger.service;

/** The chart of accounts' naming: {@code member:<vk user id>}, {@code held:<vk user id>} and {@code system:<purpose>}. */
public final class AccountCodes {

    /** Where awarded points come from for members of no known department. */
    public static final String ISSUANCE = "system:issuance";

    private static final String DEPARTMENT_ISSUANCE = ISSUANCE + ":";

    /** Points redeemed into the Spasibo program, until its payout is settled or fails. */
    public static final String REDEMPTION_CLEARING = "system:redemption-clearing";

    /** Points whose Spasibo payout was settled: they have left the program. */
    public static final String PAYOUTS_SETTLED = "system:payouts-settled";

    private AccountCodes() {
    }

    public static String member(long vkUserId) {
        return "member:" + vkUserId;
    }

    /**
     * Points held for the member until HR approves or rejects them: pending, not spendable. A system account,
     * so the member-balance rules (never below zero, kept in {@code member_balance}) apply to what is available.
     */
    public static String held(long vkUserId) {
        return "held:" + vkUserId;
    }

    /**
     * Where a member's awards come from: the issuance account of the member's department, or {@link #ISSUANCE}
     * when the members directory names none. Taking points back returns them to the account they came from.
     */
    public static String issuance(String department) {
        return department == null || department.isBlank() ? ISSUANCE : DEPARTMENT_ISSUANCE + department;
    }

    public static boolean isIssuance(String code) {
        return code.equals(ISSUANCE) || code.startsWith(DEPARTMENT_ISSUANCE);
    }

    public static boolean isMember(String code) {
        return code.startsWith("member:");
    }
}
