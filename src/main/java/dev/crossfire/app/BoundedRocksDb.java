package dev.crossfire.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One off-heap memory budget for every RocksDB store of the JVM. Left alone, each store (and each
 * segment of a window store) gets its own block cache and up to three 16 MB memtables, so native
 * memory grows with the number of stores, partitions and segments rather than with anything an
 * operator sets. Here all of them share one LRU block cache, and their memtables are charged to it
 * through one write-buffer manager: the total stays under {@code crossfire.rocksdb.memory-mb}.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    public static final String MEMORY_CONFIG = "crossfire.rocksdb.memory-mb";
    public static final int DEFAULT_MEMORY_MB = 256;

    /** Memtables may take a quarter of the budget; index and filter blocks get a high-priority tenth. */
    private static final double MEMTABLE_SHARE = 0.25;
    private static final double HIGH_PRIORITY_SHARE = 0.1;
    private static final long MEMTABLE_BYTES = 8L * 1024 * 1024;
    private static final int MEMTABLES_PER_STORE = 2;

    private static Budget budget;

    /** Created once, with the first store's configuration, and shared by every store after it. */
    private record Budget(Cache cache, WriteBufferManager writeBuffers, long bytes) {
    }

    private static synchronized Budget budget(Map<String, Object> configs) {
        if (budget == null) {
            Object configured = configs.get(MEMORY_CONFIG);
            long mb = configured == null ? DEFAULT_MEMORY_MB : Long.parseLong(configured.toString().strip());
            long bytes = mb * 1024 * 1024;
            Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
            budget = new Budget(cache, new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache), bytes);
        }
        return budget;
    }

    /** The budget in force, in bytes, or 0 before the first store opened. */
    public static synchronized long budgetBytes() {
        return budget == null ? 0 : budget.bytes();
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Budget shared = budget(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager belong to every store: never closed with one of them
    }
}
