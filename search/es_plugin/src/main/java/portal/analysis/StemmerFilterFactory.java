package portal.analysis;

import static java.util.Map.entry;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseMinimalStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;

/**
 * The {@code stemmer} token filter: {@code language} (or its alias {@code name}) picks
 * one of the Lucene stemmers below, under Elasticsearch's names; english by default.
 */
final class StemmerFilterFactory extends AbstractTokenFilterFactory {

    private static final Map<String, UnaryOperator<TokenStream>> STEMMERS = Map.ofEntries(
            entry("french", in -> new SnowballFilter(in, new FrenchStemmer())),
            entry("light_french", FrenchLightStemFilter::new),
            entry("minimal_french", FrenchMinimalStemFilter::new),
            entry("english", PorterStemFilter::new),
            entry("light_english", KStemFilter::new),
            entry("minimal_english", EnglishMinimalStemFilter::new),
            entry("possessive_english", EnglishPossessiveFilter::new),
            entry("porter2", in -> new SnowballFilter(in, new EnglishStemmer())),
            entry("light_german", GermanLightStemFilter::new),
            entry("minimal_german", GermanMinimalStemFilter::new),
            entry("light_italian", ItalianLightStemFilter::new),
            entry("light_portuguese", PortugueseLightStemFilter::new),
            entry("minimal_portuguese", PortugueseMinimalStemFilter::new),
            entry("light_spanish", SpanishLightStemFilter::new));

    private final UnaryOperator<TokenStream> stemmer;

    StemmerFilterFactory(IndexSettings index, Environment env, String name, Settings settings) {
        super(name, settings);
        String language = settings.get("language", settings.get("name", "english"));
        stemmer = STEMMERS.get(language.toLowerCase(Locale.ROOT));
        if (stemmer == null) {
            throw new IllegalArgumentException("token filter [" + name + "]: unknown stemmer ["
                    + language + "]; this node knows " + new TreeSet<>(STEMMERS.keySet()));
        }
    }

    @Override
    public TokenStream create(TokenStream in) {
        return stemmer.apply(in);
    }
}
