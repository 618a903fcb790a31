package org.drgaudit.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.GeneralSecurityException;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/** bcrypt hashing and verification of built-in users' passwords (Modular Crypt Format). */
final class PasswordHashes {

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    private static final int COST = 10;

    private PasswordHashes() {
    }

    static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    static boolean verify(String password, String storedHash) {
        try {
            Password raw = ModularCrypt.decode(storedHash);
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            return factory.verify(factory.translate(raw), password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
