package ru.vklad.activity.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits a sequence into chains that share no key, each keeping the sequence's order: items with a key in common
 * (directly or through others) end in the same chain. Chains can then be worked on at the same time, since nothing
 * one reads or writes is touched by another, while each chain's items still go one after another. No I/O.
 */
public final class IndependentChains {

    private IndependentChains() {
    }

    /**
     * @param keys what an item touches (for a slot change: its slot and its members); an item with no key is a
     *             chain of its own
     * @return the chains, ordered by their first item; every item in exactly one, in the order given
     */
    public static <T> List<List<T>> of(List<T> items, Function<T, List<String>> keys) {
        int[] parent = new int[items.size()];
        Map<String, Integer> firstWithKey = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            parent[i] = i;
            for (String key : keys.apply(items.get(i))) {
                Integer earlier = firstWithKey.putIfAbsent(key, i);
                if (earlier != null) {
                    join(parent, earlier, i);
                }
            }
        }
        Map<Integer, List<T>> chains = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            chains.computeIfAbsent(root(parent, i), ignored -> new ArrayList<>()).add(items.get(i));
        }
        return List.copyOf(chains.values());
    }

    private static void join(int[] parent, int a, int b) {
        int rootA = root(parent, a);
        int rootB = root(parent, b);
        // The earlier item stays the root, so a chain is found under its first item's index.
        if (rootA < rootB) {
            parent[rootB] = rootA;
        } else if (rootB < rootA) {
            parent[rootA] = rootB;
        }
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
