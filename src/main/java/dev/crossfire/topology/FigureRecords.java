package dev.crossfire.topology;

import dev.crossfire.avro.FigureAccount;
import dev.crossfire.avro.PublicFigure;
import dev.crossfire.figure.Account;
import dev.crossfire.figure.Figure;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostJson;
import java.util.ArrayList;
import java.util.List;

/** Between the registry topic's Avro records and the domain's figures. */
public final class FigureRecords {

    private FigureRecords() {
    }

    public static Figure toFigure(PublicFigure f) {
        List<Account> accounts = new ArrayList<>();
        for (FigureAccount a : f.getAccounts()) {
            accounts.add(new Account(PostJson.platformName(a.getPlatform()), a.getHandle(), a.getAccountId()));
        }
        return new Figure(f.getId(), f.getName(), List.copyOf(f.getAliases()), f.getRole(), f.getAffiliation(), accounts);
    }

    public static PublicFigure toRecord(Figure f) {
        List<FigureAccount> accounts = new ArrayList<>();
        for (Account a : f.accounts()) {
            try {
                accounts.add(new FigureAccount(PostJson.platform(a.platform()), a.handle(), a.accountId()));
            } catch (InvalidPostException e) {
                throw new IllegalArgumentException("figure " + f.id() + ": " + e.getMessage(), e);
            }
        }
        return PublicFigure.newBuilder()
            .setId(f.id())
            .setName(f.name())
            .setAliases(new ArrayList<>(f.aliases()))
            .setRole(f.role())
            .setAffiliation(f.affiliation())
            .setAccounts(accounts)
            .build();
    }
}
