package ru.vklad.ledger.service;

/** The chart of accounts' naming: {@code member:<vk user id>} and {@code system:<purpose>}. */
public final class AccountCodes {

    /** Where awarded points come from. */
    public static final String ISSUANCE = "system:issuance";

    private AccountCodes() {
    }

    public static String member(long vkUserId) {
        return "member:" + vkUserId;
    }

    public static boolean isMember(String code) {
        return code.startsWith("member:");
    }
}
