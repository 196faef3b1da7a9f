package ru.vklad.analytics.service;

/** One place on a leaderboard. Equal points share a rank (1, 1, 3); within it members are ordered by VK id. */
public record LeaderboardRow(int rank, long vkUserId, long points) {
}
