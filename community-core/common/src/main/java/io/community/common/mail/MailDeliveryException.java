package io.community.common.mail;

/**
 * A mail could not be handed to the mail server. The message names the server but never the
 * credentials or the mail's content, because it ends up in logs and error reports.
 */
public class MailDeliveryException extends RuntimeException {

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
