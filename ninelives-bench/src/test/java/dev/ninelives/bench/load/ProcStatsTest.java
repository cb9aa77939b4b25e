package dev.ninelives.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcStatsTest {
  @Test
  void parseStat_countsFieldsAfterTheLastParenthesis() {
    // A command name may hold spaces and parentheses.
    String line = "4242 (my (odd) proc) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 "
        + "9 0 1234 5678 90 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
    ProcStats.Stat s = ProcStats.parseStat(line);
    assertThat(s.pid()).isEqualTo(4242);
    assertThat(s.name()).isEqualTo("my (odd) proc");
    assertThat(s.ppid()).isEqualTo(1);
    assertThat(s.utimeTicks()).isEqualTo(250);
    assertThat(s.stimeTicks()).isEqualTo(37);
    assertThat(s.cpuTicks()).isEqualTo(287);
  }

  @Test
  void parseRss_readsKibibytes() {
    assertThat(ProcStats.parseRssKib("Name:\tjava\nVmHWM:\t  900 kB\nVmRSS:\t  123456 kB\n"))
        .isEqualTo(123456);
    assertThat(ProcStats.parseRssKib("Name:\tkthreadd\n")).isEqualTo(-1);
  }

  @Test
  void parseIoCalls_addsReadsAndWrites() {
    assertThat(ProcStats.parseIoCalls("rchar: 10\nwchar: 20\nsyscr: 7\nsyscw: 5\n"))
        .isEqualTo(12);
    assertThat(ProcStats.parseIoCalls("rchar: 10\n")).isEqualTo(-1);
  }

  @Test
  void tree_andTicks_followParentLinks() {
    Map<Long, ProcStats.Stat> snap = Map.of(
        10L, new ProcStats.Stat(10, "nginx", 1, 5, 5),
        11L, new ProcStats.Stat(11, "nginx", 10, 100, 50),
        12L, new ProcStats.Stat(12, "other", 1, 7, 0));
    Set<Long> tree = ProcStats.tree(10, snap);
    assertThat(tree).containsExactlyInAnyOrder(10L, 11L);
    assertThat(ProcStats.ticks(tree, snap)).isEqualTo(160);
  }

  @Test
  void otherTicks_leaveOutExcludedNewAndGoneProcesses() {
    Map<Long, ProcStats.Stat> before = Map.of(
        1L, new ProcStats.Stat(1, "a", 0, 10, 0),
        2L, new ProcStats.Stat(2, "sut", 0, 10, 0),
        3L, new ProcStats.Stat(3, "gone", 0, 10, 0));
    Map<Long, ProcStats.Stat> after = Map.of(
        1L, new ProcStats.Stat(1, "a", 0, 25, 5),
        2L, new ProcStats.Stat(2, "sut", 0, 900, 0),
        4L, new ProcStats.Stat(4, "new", 0, 50, 0));
    assertThat(ProcStats.otherTicks(before, after, Set.of(2L))).isEqualTo(20);
    assertThat(ProcStats.busiestOther(before, after, Set.of(2L))).startsWith("a (pid 1");
  }
}
