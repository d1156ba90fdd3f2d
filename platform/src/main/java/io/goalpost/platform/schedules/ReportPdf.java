package io.goalpost.platform.schedules;

import java.time.LocalDate;

/**
 * Renders the summary report of a period as a PDF: what a scheduled report attaches. Blocking: called
 * from the scheduler's worker threads.
 */
@FunctionalInterface
public interface ReportPdf {

    /** The report of the days {@code from} to {@code to}, as the bytes of a PDF file. */
    byte[] render(LocalDate from, LocalDate to) throws Exception;
}
