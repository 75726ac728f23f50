package org.datahandle;

/** {@link Catalog#get(String)} with an id the catalog does not declare; the message suggests the nearest. */
public class HandleNotFoundException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    public HandleNotFoundException(String message) {
        super(message);
    }
}
