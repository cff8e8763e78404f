package portal.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

/**
 * {@code synonym_graph} and {@code synonym}: Solr-format rules ("a, b, c", "a, b => c"),
 * inline in {@code synonyms} or in a UTF-8 file named by {@code synonyms_path}
 * (relative to the config directory); {@code expand} (default true), {@code lenient}
 * (skip the terms that cannot be analysed), {@code updateable} (search analyzers only).
 *
 * <p>In an analyzer, the rules are analysed with the tokenizer and the filters that
 * precede this one, so that they match the tokens this filter sees. Outside an analyzer
 * chain, they are analysed with a standard tokenizer, lowercase and ASCII folding.
 */
final class SynonymFilterFactory extends AbstractTokenFilterFactory {

    private final boolean graph;
    private final String rules;
    private final boolean expand;
    private final boolean lenient;
    private final AnalysisMode mode;
    private SynonymMap map;

    static TokenFilterFactory graph(
            IndexSettings index, Environment env, String name, Settings settings) {
        return new SynonymFilterFactory(true, env, name, settings);
    }

    static TokenFilterFactory flat(
            IndexSettings index, Environment env, String name, Settings settings) {
        return new SynonymFilterFactory(false, env, name, settings);
    }

    private SynonymFilterFactory(boolean graph, Environment env, String name, Settings settings) {
        super(name, settings);
        this.graph = graph;
        String format = settings.get("format", "solr");
        if (!format.equals("solr")) {
            throw new IllegalArgumentException(
                    "token filter [" + name + "]: only the solr synonym format is supported");
        }
        if (settings.get("synonyms_set") != null) {
            throw new IllegalArgumentException(
                    "token filter [" + name + "]: synonyms_set is not supported on this node");
        }
        rules = readRules(env, name, settings);
        expand = settings.getAsBoolean("expand", true);
        lenient = settings.getAsBoolean("lenient", false);
        mode = settings.getAsBoolean("updateable", false)
                ? AnalysisMode.SEARCH_TIME
                : AnalysisMode.ALL;
    }

    /** The same filter with its rules analysed by one analyzer chain. */
    private SynonymFilterFactory(SynonymFilterFactory unbound, SynonymMap map) {
        super(unbound.name(), Settings.EMPTY);
        graph = unbound.graph;
        rules = unbound.rules;
        expand = unbound.expand;
        lenient = unbound.lenient;
        mode = unbound.mode;
        this.map = map;
    }

    private static String readRules(Environment env, String name, Settings settings) {
        if (settings.get("synonyms_path") != null) {
            try (Reader reader =
                    Analysis.getReaderFromFile(env, settings.get("synonyms_path"), "synonyms")) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) != -1; ) {
                    text.append(buffer, 0, n);
                }
                return text.toString();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "token filter [" + name + "]: cannot read synonyms_path", e);
            }
        }
        List<String> inline = settings.getAsList("synonyms", null);
        if (inline == null) {
            throw new IllegalArgumentException(
                    "token filter [" + name + "] needs synonyms or synonyms_path");
        }
        return String.join("\n", inline);
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(IndexCreationContext context,
            TokenizerFactory tokenizer, List<CharFilterFactory> charFilters,
            List<TokenFilterFactory> previousFilters,
            Function<String, TokenFilterFactory> allFilters) {
        List<TokenFilterFactory> ruleFilters =
                previousFilters.stream().map(TokenFilterFactory::getSynonymFilter).toList();
        Analyzer chain = new Analyzer() {
            @Override
            protected Reader initReader(String field, Reader reader) {
                for (CharFilterFactory charFilter : charFilters) {
                    reader = charFilter.create(reader);
                }
                return reader;
            }

            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = tokenizer.create();
                TokenStream stream = source;
                for (TokenFilterFactory filter : ruleFilters) {
                    stream = filter.create(stream);
                }
                return new TokenStreamComponents(source, stream);
            }
        };
        try (chain) {
            return new SynonymFilterFactory(this, parse(chain));
        }
    }

    private synchronized SynonymMap map() {
        if (map == null) {
            try (Analyzer folding = new Analyzer() {
                @Override
                protected TokenStreamComponents createComponents(String field) {
                    Tokenizer source = new StandardTokenizer();
                    return new TokenStreamComponents(
                            source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
                }
            }) {
                map = parse(folding);
            }
        }
        return map;
    }

    private SynonymMap parse(Analyzer analyzer) {
        SolrSynonymParser parser = lenient
                ? new LenientParser(expand, analyzer)
                : new SolrSynonymParser(true, expand, analyzer);
        try {
            parser.parse(new StringReader(rules));
            return parser.build();
        } catch (IOException | ParseException e) {
            String cause = e.getCause() != null ? ": " + e.getCause().getMessage() : "";
            throw new IllegalArgumentException(
                    "token filter [" + name() + "]: " + e.getMessage() + cause, e);
        }
    }

    @Override
    @SuppressWarnings("deprecation") // SynonymFilter is what `synonym` has always been
    public TokenStream create(TokenStream in) {
        SynonymMap synonyms = map();
        if (synonyms.fst == null) {
            return in; // no rules
        }
        return graph
                ? new SynonymGraphFilter(in, synonyms, false)
                : new SynonymFilter(in, synonyms, false);
    }

    @Override
    public TokenFilterFactory getSynonymFilter() {
        // A later synonym filter reads its rules without this one's expansions.
        return IDENTITY_FILTER;
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return mode;
    }

    /** Drops a term that the analyzer rejects, and the mappings that would use it. */
    private static final class LenientParser extends SolrSynonymParser {
        LenientParser(boolean expand, Analyzer analyzer) {
            super(true, expand, analyzer);
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                reuse.clear();
                return reuse.get();
            }
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (input.length > 0 && output.length > 0) {
                super.add(input, output, includeOrig);
            }
        }
    }
}
