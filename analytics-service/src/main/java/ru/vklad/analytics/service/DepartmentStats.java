package ru.vklad.analytics.service;

/**
 * One department's participation in a period.
 *
 * @param department       null for members of no known department
 * @param members          members of the department in the directory now
 * @param activeMembers    members with points in the period
 * @param participationRate active members per member (0 when the directory lists none)
 * @param pointsPerCapita  points per member of the directory (0 when it lists none)
 */
public record DepartmentStats(String department, long members, long activeMembers, double participationRate,
                              long points, long activityPoints, double pointsPerCapita) {

    public static DepartmentStats of(String department, long members, long activeMembers, long points,
                                     long activityPoints) {
        return new DepartmentStats(department, members, activeMembers, ratio(activeMembers, members), points,
                activityPoints, ratio(points, members));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 1000.0;
    }
}
