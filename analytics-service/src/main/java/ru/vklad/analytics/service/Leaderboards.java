package ru.vklad.analytics.service;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.DailyPointsMirror;
import ru.vklad.analytics.persistence.PointsReadModel;

/**
 * Leaderboards and places: from this replica's in-memory copy of the recent days when it holds the whole period,
 * otherwise from the tables' rollups. Both answer the same.
 */
@ApplicationScoped
public class Leaderboards {

    private final DailyPointsMirror mirror;
    private final PointsReadModel tables;

    public Leaderboards(DailyPointsMirror mirror, PointsReadModel tables) {
        this.mirror = mirror;
        this.tables = tables;
    }

    /** The top of the period by points then VK id, overall or within a department; erased members not ranked. */
    public Uni<List<Rankings.Score>> top(Period period, String department, int limit) {
        return fromMemoryOrTables(period, index -> index.top(period, department, limit),
                () -> tables.topScores(period, department, limit));
    }

    /** A member's place in the period; empty when they have no points in it. */
    public Uni<Optional<Rankings.Place>> place(long vkUserId, Period period, String department) {
        return fromMemoryOrTables(period, index -> index.place(vkUserId, period, department),
                () -> tables.place(vkUserId, period, department));
    }

    private <T> Uni<T> fromMemoryOrTables(Period period, Function<DailyPointsIndex, T> fromMemory,
                                          Supplier<Uni<T>> fromTables) {
        return mirror.current(period).chain(index -> index.isPresent()
                ? Uni.createFrom().item(fromMemory.apply(index.get()))
                : fromTables.get());
    }
}
