package ru.vklad.analytics.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One place on a leaderboard. Equal points share a rank (1, 1, 3); within it members are ordered by VK id. */
public record LeaderboardRow(@Schema(examples = "1") int rank, @Schema(examples = "51200901") long vkUserId,
                             @Schema(examples = "1250") long points) {
}
