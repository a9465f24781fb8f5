package dev.crossfire.topology;

import java.util.ArrayList;
import java.util.List;

/** Post ids that land on every partition, for tests that must move every partition's clock. */
public final class HomePartitions {

    private HomePartitions() {
    }

    /** {@code count} ids starting with {@code prefix}, covering every partition of {@code partitions} (and so of each divisor of it). */
    public static List<String> idsCovering(int partitions, int count, String prefix) {
        if (count < partitions) {
            throw new IllegalArgumentException("at least one id per partition");
        }
        List<String> ids = new ArrayList<>();
        boolean[] covered = new boolean[partitions];
        int found = 0;
        for (int n = 0; ids.size() < count; n++) {
            String id = prefix + n;
            int p = HomePartition.partitionOf(id, partitions);
            boolean fresh = !covered[p];
            // the first ids fill the partitions not yet covered; the rest come in order
            if (fresh || found == partitions) {
                if (fresh) {
                    covered[p] = true;
                    found++;
                }
                ids.add(id);
            }
        }
        return ids;
    }

    public static int partitionOf(String id, int partitions) {
        return HomePartition.partitionOf(id, partitions);
    }
}
