package dev.ninelives.uptime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on disk, in {@code <data_dir>/uptime/}: one append-only file of minute lines per UTC
 * day ({@code minutes-2026-11-24.jsonl}), replaced once the day is old enough by a file of hour
 * lines ({@code hours-2026-11-24.jsonl}), written to a temporary file and renamed into place.
 *
 * <p><b>Crash safety.</b> Appends are forced to disk before {@link #append} returns. A line torn
 * by a crash can only be the last one of a file: readers leave out a last line without its
 * newline, and the writer cuts it off when it opens, with a note. When both files of a day exist
 * (a crash between renaming the hours into place and deleting the minutes) the hours win and
 * the writer deletes the minutes.
 *
 * <p><b>One writer.</b> A writer holds an exclusive lock on {@code uptime/lock} for as long as
 * it is open; a second writer, in this process or another, fails with {@link
 * UptimeStoreLockedException}. Readers take no lock.
 *
 * <p>Not thread-safe: the history calls it under its lock.
 */
final class FileStore implements Store {
  private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
  static final String DIR = "uptime";
  private static final Pattern NAME = Pattern.compile("(minutes|hours)-(\\d{4}-\\d{2}-\\d{2})\\.jsonl");
  /** How far back from the end a torn line is looked for; a line is far shorter. */
  private static final int TAIL_SCAN = 1 << 20;

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final List<String> notes = new ArrayList<>();
  private LocalDate appendDay;
  private FileChannel appendChannel;

  private FileStore(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens the store for writing: creates the directory, takes the lock and repairs what a crash
   * may have left.
   *
   * @throws UptimeStoreLockedException when another writer holds the lock
   */
  static FileStore writer(Path dataDir) throws IOException {
    Path dir = dataDir.resolve(DIR);
    Files.createDirectories(dir);
    Path lockFile = dir.resolve("lock");
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another gateway in this process
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = holder(lockFile);
      channel.close();
      throw new UptimeStoreLockedException(dir, holder);
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(false);
      FileStore store = new FileStore(dir, channel, lock);
      store.recover();
      return store;
    } catch (IOException | RuntimeException e) {
      channel.close(); // releases the lock too
      throw e;
    }
  }

  /** Opens the store for reading only; a directory that does not exist reads as empty. */
  static FileStore reader(Path dataDir) {
    FileStore store = new FileStore(dataDir.resolve(DIR), null, null);
    if (!Files.isDirectory(store.dir)) {
      store.notes.add("no uptime history in " + store.dir + " yet");
    }
    return store;
  }

  private static String holder(Path lockFile) {
    try {
      return Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return ""; // some systems refuse to read a locked file; the message does without
    }
  }

  private void recover() throws IOException {
    for (Path p : files()) {
      if (p.getFileName().toString().endsWith(".tmp")) {
        Files.deleteIfExists(p); // a roll-up that did not finish; its minutes are still there
      }
    }
    for (LocalDate day : minuteDays(true)) {
      if (Files.exists(hours(day))) {
        Files.deleteIfExists(minutes(day));
        LOG.info("finished rolling up {} of the uptime history", day);
        continue;
      }
      repairTail(minutes(day));
    }
  }

  /** Cuts off a last line without its newline: a write torn by a crash. */
  private void repairTail(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size == 0 || lastByte(ch, size) == '\n') {
        return;
      }
      long keep = 0;
      long from = Math.max(0, size - TAIL_SCAN);
      ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
        // reads until the buffer is full; the file does not shrink while we hold the lock
      }
      for (int i = buf.position() - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          keep = from + i + 1;
          break;
        }
      }
      ch.truncate(keep);
      ch.force(true);
      String note = "dropped a torn last line (" + (size - keep) + " bytes) of "
          + file.getFileName() + ": the gateway stopped while writing it";
      notes.add(note);
      LOG.warn("uptime history: {}", note);
    }
  }

  private static int lastByte(FileChannel ch, long size) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    ch.read(one, size - 1);
    return one.get(0);
  }

  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public String location() {
    return dir.toString();
  }

  @Override
  public List<String> notes() {
    return List.copyOf(notes);
  }

  private List<Path> files() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  private SortedSet<LocalDate> daysOf(String prefix) throws IOException {
    SortedSet<LocalDate> out = new TreeSet<>();
    for (Path p : files()) {
      Matcher m = NAME.matcher(p.getFileName().toString());
      if (m.matches() && (prefix == null || m.group(1).equals(prefix))) {
        try {
          out.add(LocalDate.parse(m.group(2)));
        } catch (DateTimeParseException e) {
          // a name that only looks like ours (2026-02-30): not a day of the history
        }
      }
    }
    return out;
  }

  @Override
  public SortedSet<LocalDate> days() throws IOException {
    return daysOf(null);
  }

  @Override
  public SortedSet<LocalDate> minuteDays() throws IOException {
    return minuteDays(false);
  }

  private SortedSet<LocalDate> minuteDays(boolean includeRolledUp) throws IOException {
    SortedSet<LocalDate> out = daysOf("minutes");
    if (!includeRolledUp) {
      out.removeIf(d -> Files.exists(hours(d)));
    }
    return out;
  }

  private Path minutes(LocalDate day) {
    return dir.resolve("minutes-" + day + ".jsonl");
  }

  private Path hours(LocalDate day) {
    return dir.resolve("hours-" + day + ".jsonl");
  }

  @Override
  public Day read(LocalDate day) throws IOException {
    // A writer may roll the day up between our looking and our reading: look twice.
    for (int attempt = 0; attempt < 2; attempt++) {
      Path h = hours(day);
      try {
        if (Files.exists(h)) {
          return new Day(day, true, h.getFileName().toString(), completeLines(h));
        }
        Path m = minutes(day);
        return new Day(day, false, m.getFileName().toString(), completeLines(m));
      } catch (NoSuchFileException e) {
        // gone meanwhile: look again
      }
    }
    return new Day(day, false, minutes(day).getFileName().toString(), List.of());
  }

  private static List<String> completeLines(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--; // a last line still being written (or torn) is not read
    }
    List<String> out = new ArrayList<>();
    for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }

  @Override
  public void append(LocalDate day, List<String> lines) throws IOException {
    requireWriter();
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder(lines.size() * 120);
    for (String line : lines) {
      text.append(line).append('\n');
    }
    ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    FileChannel ch = channel(day);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    ch.force(false);
  }

  private FileChannel channel(LocalDate day) throws IOException {
    if (day.equals(appendDay)) {
      return appendChannel;
    }
    closeAppend();
    Path file = minutes(day);
    if (Files.exists(file)) {
      repairTail(file);
    }
    appendChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    appendDay = day;
    return appendChannel;
  }

  private void closeAppend() throws IOException {
    if (appendChannel != null) {
      FileChannel ch = appendChannel;
      appendChannel = null;
      appendDay = null;
      ch.close();
    }
  }

  @Override
  public void rollUp(LocalDate day, List<String> hourLines) throws IOException {
    requireWriter();
    Path tmp = dir.resolve("hours-" + day + ".jsonl.tmp");
    StringBuilder text = new StringBuilder();
    for (String line : hourLines) {
      text.append(line).append('\n');
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, hours(day), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, hours(day), StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory();
    if (day.equals(appendDay)) {
      closeAppend();
    }
    Files.deleteIfExists(minutes(day));
  }

  /** Makes the rename durable before the minutes it replaces are deleted. */
  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Not every system can open a directory; the rename is then as durable as it gets.
    }
  }

  @Override
  public void delete(LocalDate day) throws IOException {
    requireWriter();
    if (day.equals(appendDay)) {
      closeAppend();
    }
    Files.deleteIfExists(minutes(day));
    Files.deleteIfExists(hours(day));
  }

  private void requireWriter() {
    if (lock == null) {
      throw new IllegalStateException("this uptime store was opened for reading only");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      closeAppend();
    } finally {
      if (lockChannel != null) {
        lockChannel.close(); // releases the lock
      }
    }
  }
}
