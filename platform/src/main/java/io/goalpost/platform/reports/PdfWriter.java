package io.goalpost.platform.reports;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * XHTML to PDF (openhtmltopdf over PDFBox). Blocking and CPU-bound: call it on a worker thread. The
 * document may load nothing from outside (only the {@code data:} chart images it carries), so a report
 * can never be made to fetch a URL. Text is set in DejaVu Sans when the machine has it (every glyph of
 * names and notes), else in the PDF's built-in Helvetica.
 */
final class PdfWriter {

    /** Where Debian, Ubuntu, Fedora and Alpine put DejaVu Sans; the first found is embedded (subset). */
    private static final List<String> FONT_DIRS = List.of("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
            "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/TTF");

    static {
        XRLog.setLoggingEnabled(false); // its own console logging; failures still throw
    }

    private PdfWriter() {
    }

    static byte[] write(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.withHtmlContent(xhtml, null);
        b.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        b.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
                ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        fonts(b);
        b.toStream(out);
        try {
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void fonts(PdfRendererBuilder b) {
        for (String dir : FONT_DIRS) {
            File regular = new File(dir, "DejaVuSans.ttf");
            File bold = new File(dir, "DejaVuSans-Bold.ttf");
            if (regular.canRead()) {
                b.useFont(regular, "Goalpost Sans", 400, BaseRendererBuilder.FontStyle.NORMAL, true);
                if (bold.canRead()) {
                    b.useFont(bold, "Goalpost Sans", 700, BaseRendererBuilder.FontStyle.NORMAL, true);
                }
                return;
            }
        }
    }
}
