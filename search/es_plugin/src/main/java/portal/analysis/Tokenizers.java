package portal.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.TokenizerFactory;

/** Tokenizers, one method per type, with the parameters Elasticsearch documents. */
final class Tokenizers {

    private static final Set<Integer> PUNCTUATION = Set.of(
            (int) Character.CONNECTOR_PUNCTUATION, (int) Character.DASH_PUNCTUATION,
            (int) Character.START_PUNCTUATION, (int) Character.END_PUNCTUATION,
            (int) Character.INITIAL_QUOTE_PUNCTUATION, (int) Character.FINAL_QUOTE_PUNCTUATION,
            (int) Character.OTHER_PUNCTUATION);
    private static final Set<Integer> SYMBOLS = Set.of(
            (int) Character.MATH_SYMBOL, (int) Character.CURRENCY_SYMBOL,
            (int) Character.MODIFIER_SYMBOL, (int) Character.OTHER_SYMBOL);

    private Tokenizers() {}

    static TokenizerFactory keyword(
            IndexSettings index, Environment env, String name, Settings settings) {
        int bufferSize = settings.getAsInt("buffer_size", KeywordTokenizer.DEFAULT_BUFFER_SIZE);
        return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(bufferSize));
    }

    static TokenizerFactory whitespace(
            IndexSettings index, Environment env, String name, Settings settings) {
        int maxLength = settings.getAsInt("max_token_length", 255);
        return TokenizerFactory.newFactory(name, () -> new WhitespaceTokenizer(maxLength));
    }

    static TokenizerFactory letter(
            IndexSettings index, Environment env, String name, Settings settings) {
        return TokenizerFactory.newFactory(name, LetterTokenizer::new);
    }

    static TokenizerFactory edgeNGram(
            IndexSettings index, Environment env, String name, Settings settings) {
        int min = settings.getAsInt("min_gram", 1);
        int max = settings.getAsInt("max_gram", 2);
        IntPredicate keep = tokenChars(name, settings);
        return TokenizerFactory.newFactory(name, () -> new EdgeNGramTokenizer(min, max) {
            @Override
            protected boolean isTokenChar(int c) {
                return keep.test(c);
            }
        });
    }

    static TokenizerFactory nGram(
            IndexSettings index, Environment env, String name, Settings settings) {
        int min = settings.getAsInt("min_gram", 1);
        int max = settings.getAsInt("max_gram", 2);
        Filters.checkNGramDiff(index, name, min, max);
        IntPredicate keep = tokenChars(name, settings);
        return TokenizerFactory.newFactory(name, () -> new NGramTokenizer(min, max) {
            @Override
            protected boolean isTokenChar(int c) {
                return keep.test(c);
            }
        });
    }

    /** {@code token_chars} (and {@code custom_token_chars}); none listed keeps every char. */
    private static IntPredicate tokenChars(String name, Settings settings) {
        List<String> classes = settings.getAsList("token_chars", List.of());
        if (classes.isEmpty()) {
            return c -> true;
        }
        IntPredicate keep = c -> false;
        for (String charClass : classes) {
            keep = keep.or(charClass(name, charClass, settings));
        }
        return keep;
    }

    private static IntPredicate charClass(String name, String charClass, Settings settings) {
        switch (charClass.toLowerCase(Locale.ROOT)) {
            case "letter":
                return Character::isLetter;
            case "digit":
                return Character::isDigit;
            case "whitespace":
                return Character::isWhitespace;
            case "punctuation":
                return c -> PUNCTUATION.contains(Character.getType(c));
            case "symbol":
                return c -> SYMBOLS.contains(Character.getType(c));
            case "custom":
                String custom = settings.get("custom_token_chars", "");
                if (custom.isEmpty()) {
                    throw new IllegalArgumentException("tokenizer [" + name
                            + "]: token_chars [custom] needs custom_token_chars");
                }
                Set<Integer> chars = custom.codePoints().boxed().collect(Collectors.toSet());
                return chars::contains;
            default:
                throw new IllegalArgumentException("tokenizer [" + name + "]: unknown token_chars ["
                        + charClass + "]; expected letter, digit, whitespace, punctuation,"
                        + " symbol or custom");
        }
    }
}
