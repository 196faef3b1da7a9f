package ru.vklad.activity.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IndependentChainsTest {

    /** An item named by its position, touching the keys given. */
    private record Item(int position, List<String> keys) {
    }

    private static Item item(int position, String... keys) {
        return new Item(position, Arrays.asList(keys));
    }

    @Test
    void itemsSharingAKeyDirectlyOrThroughOthersShareAChainInTheirOrder() {
        List<Item> items = List.of(
                item(0, "member:1", "slot:a"),
                item(1, "member:2", "slot:b"),
                item(2, "member:3", "slot:c"),
                item(3, "member:1", "slot:d"),
                // a comment deleted by member 3 whose author is member 2: joins their chains
                item(4, "member:3", "slot:b"),
                item(5));

        List<List<Item>> chains = IndependentChains.of(items, Item::keys);

        assertEquals(List.of(List.of(0, 3), List.of(1, 2, 4), List.of(5)), positions(chains));
    }

    @Test
    void randomSequencesSplitIntoChainsThatShareNoKeyAndKeepOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<Item> items = new ArrayList<>();
            int size = random.nextInt(60);
            for (int i = 0; i < size; i++) {
                items.add(item(i, "member:" + random.nextInt(20), "slot:" + random.nextInt(40)));
            }

            List<List<Item>> chains = IndependentChains.of(items, Item::keys);

            Set<Integer> seen = new HashSet<>();
            Set<String> claimed = new HashSet<>();
            int previousFirst = -1;
            for (List<Item> chain : chains) {
                assertTrue(chain.get(0).position() > previousFirst, "chains ordered by their first item");
                previousFirst = chain.get(0).position();
                Set<String> keys = new HashSet<>();
                for (int i = 0; i < chain.size(); i++) {
                    if (i > 0) {
                        assertTrue(chain.get(i).position() > chain.get(i - 1).position(), "order kept");
                    }
                    assertTrue(seen.add(chain.get(i).position()), "each item once");
                    keys.addAll(chain.get(i).keys());
                }
                for (String key : keys) {
                    assertTrue(claimed.add(key), "key " + key + " in one chain only");
                }
            }
            assertEquals(items.size(), seen.size());
        }
    }

    private static List<List<Integer>> positions(List<List<Item>> chains) {
        return chains.stream().map(chain -> chain.stream().map(Item::position).toList()).toList();
    }
}
