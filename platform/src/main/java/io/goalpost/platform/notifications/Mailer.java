package io.goalpost.platform.notifications;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends mail through the admin's SMTP server with Jakarta Mail (Eclipse Angus). Blocking: called from
 * the scheduler's worker threads, never an event loop. With STARTTLS set, the connection must be
 * upgraded before the login and the message are sent (the server's certificate is checked against
 * its name), or nothing is sent.
 */
public final class Mailer {

    /** Connect, read and write timeout of one SMTP conversation. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A file attached to a message. */
    public record Attachment(String fileName, String contentType, byte[] content) {
        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /** A mail that could not be sent, with the reason in words (never the password). */
    public static final class SendFailed extends Exception {
        private static final long serialVersionUID = 1L;

        SendFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** An address as a person typed it, checked strictly (RFC 822 syntax, no display name); the problem in words. */
    public static String checkAddress(String address) throws SendFailed {
        try {
            InternetAddress a = new InternetAddress(address, true);
            if (a.getPersonal() != null || !a.getAddress().contains("@")) {
                throw new SendFailed("'" + address + "' is not an email address like name@example.com");
            }
            return a.getAddress();
        } catch (AddressException e) {
            throw new SendFailed("'" + address + "' is not an email address like name@example.com");
        }
    }

    /** Sends one message with plain text and optional attachments to every recipient. */
    public void send(SmtpServer server, List<String> to, String subject, String text, List<Attachment> attachments)
            throws SendFailed {
        Properties p = new Properties();
        p.put("mail.smtp.host", server.host());
        p.put("mail.smtp.port", Integer.toString(server.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        p.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
        p.put("mail.smtp.auth", Boolean.toString(server.username() != null));
        if (server.starttls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(p);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(server.from(), true));
            InternetAddress[] recipients = new InternetAddress[to.size()];
            for (int i = 0; i < to.size(); i++) {
                recipients[i] = new InternetAddress(checkAddress(to.get(i)), true);
            }
            message.setRecipients(Message.RecipientType.TO, recipients);
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            if (attachments.isEmpty()) {
                message.setText(text, StandardCharsets.UTF_8.name());
            } else {
                MimeMultipart parts = new MimeMultipart();
                MimeBodyPart body = new MimeBodyPart();
                body.setText(text, StandardCharsets.UTF_8.name());
                parts.addBodyPart(body);
                for (Attachment a : attachments) {
                    MimeBodyPart file = new MimeBodyPart();
                    file.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                    file.setFileName(a.fileName());
                    file.setDisposition(MimeBodyPart.ATTACHMENT);
                    // Always base64: a mostly-ASCII PDF would otherwise go as 7bit text with its line ends rewritten.
                    file.setHeader("Content-Transfer-Encoding", "base64");
                    parts.addBodyPart(file);
                }
                message.setContent(parts);
            }
            if (server.username() != null) {
                Transport.send(message, server.username(), server.password() == null ? "" : server.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new SendFailed("the SMTP server " + server.host() + ":" + server.port() + " did not take the message: "
                    + firstLine(e));
        }
    }

    private static String firstLine(MessagingException e) {
        Throwable t = e;
        String m = e.getMessage();
        while ((m == null || m.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            m = t.getMessage();
        }
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
