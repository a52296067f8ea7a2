package org.connectorhub.hub.storage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Which database a {@link StoreContract} runs on. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
public @interface OnDatabase {
    Vendor value();

    enum Vendor {
        /** An H2 file database in a temporary directory of the class's own. */
        H2,
        /** A fresh database of the class's own on the JVM's one embedded PostgreSQL server. */
        POSTGRESQL
    }
}
