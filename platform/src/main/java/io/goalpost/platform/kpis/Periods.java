package io.goalpost.platform.kpis;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Cutting ranges into periods, and periods into the roll-up rows that cover them. */
public final class Periods {

    /** Where a segment's rows come from. */
    public static final int DAYS = 0;
    /** metric_week rows. */
    public static final int WEEKS = 1;
    /** metric_month rows. */
    public static final int MONTHS = 2;

    /**
     * A part of a bucket read from one source: for {@link #DAYS} the days {@code from..to}; for
     * {@link #WEEKS} and {@link #MONTHS} the roll-up periods starting {@code from..to}. A
     * {@code subtracted} segment (days only) takes its days out of a week read whole ({@link #cover}).
     */
    public record Segment(int bucket, int source, LocalDate from, LocalDate to, boolean subtracted) {
        public Segment {
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("segment ends before it starts: " + from + ".." + to);
            }
            if (subtracted && source != DAYS) {
                throw new IllegalArgumentException("only days are subtracted");
            }
        }

        /** Periods added to the bucket. */
        public Segment(int bucket, int source, LocalDate from, LocalDate to) {
            this(bucket, source, from, to, false);
        }
    }

    /** A contiguous day range to read from metric_point. */
    public record DayRange(LocalDate from, LocalDate to) {
    }

    private Periods() {
    }

    /** Monday of the ISO week of a day. */
    public static LocalDate weekStart(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Cuts [from, to] into day, ISO-week or month buckets, clipped to the range. */
    public static List<Bucket> split(LocalDate from, LocalDate to, Granularity g) {
        List<Bucket> out = new ArrayList<>();
        LocalDate cur = from;
        int i = 0;
        while (!cur.isAfter(to)) {
            LocalDate end = switch (g) {
                case DAY -> cur;
                case WEEK -> weekStart(cur).plusDays(6);
                case MONTH -> cur.with(TemporalAdjusters.lastDayOfMonth());
            };
            if (end.isAfter(to)) {
                end = to;
            }
            out.add(new Bucket(i++, cur, end));
            cur = end.plusDays(1);
        }
        return out;
    }

    /** The range of the same length just before [from, to]. */
    public static Bucket previous(int index, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return new Bucket(index, from.minusDays(days), from.minusDays(1));
    }

    /** The fewest roll-up rows that cover a bucket exactly: whole months, then whole weeks, then days. */
    public static List<Segment> segments(Bucket b) {
        List<Segment> out = new ArrayList<>();
        LocalDate from = b.from();
        LocalDate to = b.to();
        LocalDate m1 = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate mEnd = to.equals(to.with(TemporalAdjusters.lastDayOfMonth())) ? to : to.withDayOfMonth(1).minusDays(1);
        if (!m1.plusMonths(1).minusDays(1).isAfter(mEnd)) {
            out.add(new Segment(b.index(), MONTHS, m1, mEnd.withDayOfMonth(1)));
            weeks(b.index(), from, m1.minusDays(1), out);
            weeks(b.index(), mEnd.plusDays(1), to, out);
        } else {
            weeks(b.index(), from, to, out);
        }
        return out;
    }

    /**
     * The fewest rows that give a bucket's sums, day counts and (with {@code lastValues}) last values:
     * {@link #segments}, except that a run of five or six days of one ISO week is read as the week's
     * row less the week's other days ({@code subtracted} segments): two or three rows instead of five
     * or six. Day counts subtract exactly, and so do sums of whole numbers (every metric but ad spend,
     * whose cents come out to within a double's rounding); a last value does not, so with {@code lastValues} a week is read
     * whole only when none of its other days comes after the bucket. Its last stored day may then lie
     * before the bucket, but every day of the bucket is later, so that day's value is the bucket's
     * last only when the bucket stored nothing of the metric: which the roll-up reads as not reported.
     */
    public static List<Segment> cover(Bucket b, boolean lastValues) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments(b)) {
            if (s.source() != DAYS) {
                out.add(s);
                continue;
            }
            for (LocalDate a = s.from(); !a.isAfter(s.to()); ) {
                LocalDate monday = weekStart(a);
                LocalDate sunday = monday.plusDays(6);
                LocalDate z = sunday.isBefore(s.to()) ? sunday : s.to();
                long inside = ChronoUnit.DAYS.between(a, z) + 1;
                long others = 7 - inside;
                if (1 + others < inside && !(lastValues && sunday.isAfter(b.to()))) {
                    out.add(new Segment(b.index(), WEEKS, monday, monday));
                    if (a.isAfter(monday)) {
                        out.add(new Segment(b.index(), DAYS, monday, a.minusDays(1), true));
                    }
                    if (z.isBefore(sunday)) {
                        out.add(new Segment(b.index(), DAYS, z.plusDays(1), sunday, true));
                    }
                } else {
                    out.add(new Segment(b.index(), DAYS, a, z));
                }
                a = z.plusDays(1);
            }
        }
        return out;
    }

    private static void weeks(int bucket, LocalDate from, LocalDate to, List<Segment> out) {
        if (to.isBefore(from)) {
            return;
        }
        LocalDate w1 = from.getDayOfWeek() == DayOfWeek.MONDAY ? from : from.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        LocalDate wEnd = to.getDayOfWeek() == DayOfWeek.SUNDAY ? to : to.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY));
        if (!w1.plusDays(6).isAfter(wEnd)) {
            out.add(new Segment(bucket, WEEKS, w1, wEnd.minusDays(6)));
            days(bucket, from, w1.minusDays(1), out);
            days(bucket, wEnd.plusDays(1), to, out);
        } else {
            days(bucket, from, to, out);
        }
    }

    private static void days(int bucket, LocalDate from, LocalDate to, List<Segment> out) {
        if (!to.isBefore(from)) {
            out.add(new Segment(bucket, DAYS, from, to));
        }
    }

    /**
     * The ranges to scan for the segments of one source (days, week starts or month starts):
     * overlapping or nearby ranges are merged so that a series of periods costs one index range per
     * account and metric, and far-apart ones do not read the gap between them.
     */
    public static List<DayRange> ranges(List<Segment> segments, int source) {
        int gap = source == DAYS ? 8 : source == WEEKS ? 8 * 7 : 190;
        List<Segment> days = segments.stream().filter(s -> s.source() == source)
                .sorted(Comparator.comparing(Segment::from)).toList();
        List<DayRange> out = new ArrayList<>();
        LocalDate lo = null;
        LocalDate hi = null;
        for (Segment s : days) {
            if (lo == null) {
                lo = s.from();
                hi = s.to();
            } else if (!s.from().isAfter(hi.plusDays(gap))) {
                if (s.to().isAfter(hi)) {
                    hi = s.to();
                }
            } else {
                out.add(new DayRange(lo, hi));
                lo = s.from();
                hi = s.to();
            }
        }
        if (lo != null) {
            out.add(new DayRange(lo, hi));
        }
        return out;
    }
}
