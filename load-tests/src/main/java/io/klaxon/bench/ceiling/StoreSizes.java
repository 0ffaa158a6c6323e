package io.klaxon.bench.ceiling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * What a Kafka Streams store kept in RocksDB holds on disk, over every task: its RocksDB
 * directories are {@code <state dir>/<application id>/<task>/rocksdb/<store>/}. Read it after the
 * application stopped: closing flushes the memtables into SST files, and a stopped store can be
 * opened read-only. SST bytes include versions a later compaction would drop, so they are an
 * upper bound of what the live entries need.
 *
 * @param sstBytes the bytes of the store's SST files
 * @param keys live keys, counted by iterating every column family
 */
record StoreSizes(long sstBytes, long keys) {

  /** The store {@code store} under {@code stateDir}; zeros when it has no directory there. */
  static StoreSizes of(Path stateDir, String store) throws IOException {
    long bytes = 0;
    long keys = 0;
    for (Path dir : storeDirs(stateDir, store)) {
      try (Stream<Path> files = Files.list(dir)) {
        bytes += files.filter(f -> f.getFileName().toString().endsWith(".sst")).mapToLong(StoreSizes::size).sum();
      }
      keys += keys(dir);
    }
    return new StoreSizes(bytes, keys);
  }

  private static List<Path> storeDirs(Path stateDir, String store) throws IOException {
    if (!Files.isDirectory(stateDir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(stateDir)) {
      return paths.filter(Files::isDirectory).filter(p -> p.getFileName().toString().equals(store)
          && p.getParent() != null && p.getParent().getFileName().toString().equals("rocksdb")).toList();
    }
  }

  private static long keys(Path dir) throws IOException {
    RocksDB.loadLibrary();
    try (Options options = new Options(); DBOptions dbOptions = new DBOptions()) {
      List<ColumnFamilyDescriptor> families = new ArrayList<>();
      for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
        families.add(new ColumnFamilyDescriptor(name));
      }
      if (families.isEmpty()) {
        families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB db = RocksDB.openReadOnly(dbOptions, dir.toString(), families, handles)) {
        long keys = 0;
        for (int i = 0; i < handles.size(); i++) {
          if (metadata(families.get(i))) {
            continue;
          }
          try (RocksIterator it = db.newIterator(handles.get(i))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              keys++;
            }
          }
        }
        handles.forEach(ColumnFamilyHandle::close);
        return keys;
      }
    } catch (RocksDBException e) {
      throw new IOException("cannot read the RocksDB store at " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A column family Kafka Streams keeps its own bookkeeping in, rather than entries. */
  private static boolean metadata(ColumnFamilyDescriptor family) {
    String name = new String(family.getName(), StandardCharsets.UTF_8);
    return name.equals("offsets");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
