package ru.vklad.analytics.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One department's participation in a period.
 *
 * @param department       null for members of no known department
 * @param members          members of the department in the directory now
 * @param activeMembers    of those members, the ones with points in the period
 * @param points           points posted in the period while their members were in the department
 * @param participationRate active members per member (0 when the directory lists none)
 * @param pointsPerCapita  points per member of the directory (0 when it lists none)
 */
public record DepartmentStats(@Schema(examples = "Продажи") String department, @Schema(examples = "50") long members,
                              @Schema(examples = "31") long activeMembers,
                              @Schema(examples = "0.62") double participationRate,
                              @Schema(examples = "9850") long points, @Schema(examples = "2150") long activityPoints,
                              @Schema(examples = "197.0") double pointsPerCapita) {

    public static DepartmentStats of(String department, long members, long activeMembers, long points,
                                     long activityPoints) {
        return new DepartmentStats(department, members, activeMembers, ratio(activeMembers, members), points,
                activityPoints, ratio(points, members));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 1000.0;
    }
}
