//! The `spinsift` command-line tool.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use spinsift::{BlockKind, Category, SiftOptions, SiftResult, Sifter};

#[derive(Parser)]
#[command(
    name = "spinsift",
    version,
    about = "Strip scraping junk from news articles and spot rhetorical spin."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// The clean article only.
    Text,
    /// The full result: blocks, removed junk with categories, metadata.
    Json,
    /// The clean article as Markdown (title, headings, quotes, list items).
    Markdown,
}

#[derive(clap::Args)]
struct SiftArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Batch mode: read JSON lines `{"id": …, "text": …}` (or `"html": …`),
    /// write one result line each.
    #[arg(long)]
    jsonl: bool,
    /// Batch mode: add `"ms"`, the time spent sifting each line (benchmarks).
    #[arg(long, requires = "jsonl")]
    timings: bool,
    /// Never remove this category (repeatable), e.g. `--keep credit`.
    #[arg(long, value_name = "CATEGORY")]
    keep: Vec<String>,
    /// Only use phrase dictionaries of these languages (repeatable), e.g. `--lang fr`.
    #[arg(long = "lang", value_name = "ISO639-1")]
    languages: Vec<String>,
    /// Rules only: do not run the line classifier.
    #[arg(long)]
    no_classifier: bool,
    /// Drop a line the classifier scores below this probability of content.
    #[arg(long)]
    threshold: Option<f32>,
    #[command(flatten)]
    kind: InputKind,
    /// HTML input: print the extractor's decision for every block instead.
    #[arg(long)]
    explain: bool,
    /// Input file; `-` or nothing reads standard input.
    file: Option<PathBuf>,
}

/// Text or HTML: told by the flags, else guessed from the input's start.
#[derive(clap::Args, Clone, Copy)]
struct InputKind {
    /// The input is an HTML page: find the article first (the default when
    /// the input starts with a doctype, `<html>`, `<head>` or `<body>`).
    #[arg(long, conflicts_with = "text")]
    html: bool,
    /// The input is article text, even if it looks like HTML.
    #[arg(long)]
    text: bool,
}

impl InputKind {
    fn is_html(self, input: &str) -> bool {
        self.html || (!self.text && spinsift::input::looks_like_html(input))
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum SpinFormat {
    /// A readable report.
    Text,
    /// The full analysis.
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Color {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(clap::Args)]
struct SpinArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: SpinFormat,
    /// Colour in the text report.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// List every sentence in the text report, not only those with a technique.
    #[arg(long)]
    all: bool,
    /// A spin model file to use instead of the built-in one (`spinsift train --out`).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    #[command(flatten)]
    kind: InputKind,
    /// Input file; `-` or nothing reads standard input.
    file: Option<PathBuf>,
}

#[derive(clap::Args)]
struct PredictArgs {
    /// Subtask: 1 genre, 2 frames, 3 techniques per paragraph.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=3))]
    task: u8,
    /// Folder of `article<ID>.txt` files.
    #[arg(long)]
    articles: PathBuf,
    /// Where to write the predictions (official format).
    #[arg(long)]
    out: PathBuf,
    /// A spin model file to use instead of the built-in one (`spinsift train --out`).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

#[derive(clap::Args)]
struct ScoreArgs {
    /// Subtask of the files: 1, 2 or 3.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=3), default_value_t = 3)]
    task: u8,
    /// Gold labels file.
    #[arg(long)]
    gold: PathBuf,
    /// Predicted labels file.
    #[arg(long)]
    pred: PathBuf,
}

#[derive(Subcommand)]
enum SemevalCommand {
    /// Predict labels for a folder of articles, in the official formats.
    Predict(PredictArgs),
    /// Micro/macro-F1 of a labels file against gold, per label and family.
    Eval(ScoreArgs),
}

#[derive(Subcommand)]
enum Command {
    /// Remove scraping junk from article text, or find the article in an HTML page.
    Sift(SiftArgs),
    /// Sift, then score persuasion techniques, frames and genre.
    Spin(SpinArgs),
    /// SemEval-2023 Task 3: predictions and scoring in the official formats.
    #[command(subcommand)]
    Semeval(SemevalCommand),
    /// Train the line classifier with linfa and write a model file.
    #[cfg(feature = "train")]
    TrainLines(spinsift::train::TrainArgs),
    /// Train the spin model (techniques, frames, genre) with linfa on SemEval-2023.
    #[cfg(feature = "train")]
    Train(spinsift::train::spin::SpinTrainArgs),
    /// Print precision/recall/F1 of the sifter on the shared corpora; fail below floors.
    #[cfg(feature = "train")]
    Eval(spinsift::train::EvalArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Sift(args) => run_sift(args),
        Command::Spin(args) => run_spin(args),
        Command::Semeval(SemevalCommand::Predict(args)) => semeval_predict(&args),
        Command::Semeval(SemevalCommand::Eval(args)) => semeval_eval(&args),
        #[cfg(feature = "train")]
        Command::TrainLines(args) => spinsift::train::train_lines(&args),
        #[cfg(feature = "train")]
        Command::Eval(args) => spinsift::train::eval(&args),
        #[cfg(feature = "train")]
        Command::Train(args) => spinsift::train::spin::train(&args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("spinsift: {e}");
            ExitCode::from(2)
        }
    }
}

fn read_input(file: Option<&PathBuf>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match file {
        Some(p) if p.as_os_str() != "-" => {
            bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
        }
    }
    Ok(bytes)
}

/// The input as text, or a message naming the file (or standard input).
fn decode<'a>(bytes: &'a [u8], file: Option<&PathBuf>) -> Result<&'a str, String> {
    spinsift::input::decode(bytes).map_err(|e| {
        let name = file.map_or("standard input".to_string(), |p| p.display().to_string());
        format!("{name}: {e}")
    })
}

/// The input as text and whether it is HTML. Pages that are not UTF-8 are
/// decoded with the charset their `<meta>` declares (text must be UTF-8).
fn decode_page(
    bytes: &[u8],
    file: Option<&PathBuf>,
    kind: InputKind,
) -> Result<(String, bool), String> {
    if let Ok(text) = spinsift::input::decode(bytes) {
        return Ok((text.to_string(), kind.is_html(text)));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    if !kind.text && (kind.html || spinsift::input::looks_like_html(&head)) {
        spinsift::input::check_size(bytes.len()).map_err(|e| e.to_string())?;
        let label = charset(&head).unwrap_or("windows-1252");
        let enc =
            encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252);
        let (text, _, _) = enc.decode(bytes);
        return Ok((text.into_owned(), true));
    }
    decode(bytes, file).map(|t| (t.to_string(), false))
}

/// The charset a page declares: `<meta charset=…>` or `content="…; charset=…"`.
fn charset(head: &str) -> Option<&str> {
    let lower = head.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = &head[at..];
    let rest = rest.trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn build_sifter(args: &SiftArgs) -> Result<Sifter, String> {
    let keep = args
        .keep
        .iter()
        .map(|k| {
            Category::from_name(k).ok_or_else(|| {
                let all: Vec<_> = Category::ALL.iter().map(|c| c.name()).collect();
                format!("unknown category {k:?}; one of: {}", all.join(", "))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let options = SiftOptions {
        keep,
        languages: args.languages.clone(),
        classifier: !args.no_classifier,
        threshold: args.threshold,
    };
    Sifter::builder()
        .options(options)
        .build()
        .map_err(|e| e.to_string())
}

fn run_sift(args: SiftArgs) -> Result<ExitCode, String> {
    let sifter = build_sifter(&args)?;
    let bytes = read_input(args.file.as_ref())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let write_err = |e: std::io::Error| format!("cannot write output: {e}");
    if args.jsonl {
        let mut failures = 0usize;
        for (n, line) in bytes.as_slice().lines().enumerate() {
            let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let value = match serde_json::from_str::<serde_json::Value>(&line) {
                Ok(v) => v,
                Err(e) => {
                    failures += 1;
                    eprintln!("spinsift: line {}: not JSON: {e}", n + 1);
                    continue;
                }
            };
            let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
            let html = value.get("html").and_then(|t| t.as_str());
            let started = std::time::Instant::now();
            let r = match (html, value.get("text").and_then(|t| t.as_str())) {
                (Some(h), _) => sifter.sift_html(h),
                (None, Some(t)) if args.kind.is_html(t) => sifter.sift_html(t),
                (None, Some(t)) => sifter.sift(t),
                (None, None) => {
                    failures += 1;
                    let err = serde_json::json!({"id": id, "error": "missing string field \"text\" or \"html\""});
                    writeln!(out, "{err}").map_err(write_err)?;
                    continue;
                }
            };
            let mut obj = match args.format {
                Format::Json => serde_json::to_value(&r).map_err(|e| e.to_string())?,
                Format::Text => serde_json::json!({"text": r.text}),
                Format::Markdown => serde_json::json!({"text": markdown(&r)}),
            };
            let ms = started.elapsed().as_secs_f64() * 1e3;
            if let Some(map) = obj.as_object_mut() {
                map.insert("id".into(), id);
                if args.timings {
                    map.insert("ms".into(), ms.into());
                }
            }
            writeln!(out, "{obj}").map_err(write_err)?;
        }
        out.flush().map_err(write_err)?;
        return Ok(if failures > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let (text, html) = decode_page(&bytes, args.file.as_ref(), args.kind)?;
    if args.explain {
        if !html {
            return Err(
                "--explain shows the HTML extractor's decisions: give it a page (--html)".into(),
            );
        }
        write!(out, "{}", spinsift::html::explain(&text)).map_err(write_err)?;
        return Ok(ExitCode::SUCCESS);
    }
    let r = if html {
        sifter.sift_html(&text)
    } else {
        sifter.sift(&text)
    };
    match args.format {
        Format::Text => writeln!(out, "{}", r.text),
        Format::Markdown => writeln!(out, "{}", markdown(&r)),
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?
        ),
    }
    .and_then(|()| out.flush())
    .map_err(write_err)?;
    Ok(ExitCode::SUCCESS)
}

/// The kept blocks as Markdown.
fn markdown(r: &SiftResult) -> String {
    r.blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Title => format!("# {}", b.text),
            BlockKind::Heading => format!("## {}", b.text),
            BlockKind::Quote => format!("> {}", b.text),
            BlockKind::ListItem => format!("- {}", b.text),
            BlockKind::Paragraph => b.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The built-in analyzer, or one over the model file at `model`.
fn analyzer(
    model: Option<&PathBuf>,
) -> Result<std::borrow::Cow<'static, spinsift::spin::Analyzer>, String> {
    spinsift::spin::load_analyzer(model.map(PathBuf::as_path)).map_err(|e| e.to_string())
}

fn run_spin(args: SpinArgs) -> Result<ExitCode, String> {
    let bytes = read_input(args.file.as_ref())?;
    let (input, html) = decode_page(&bytes, args.file.as_ref(), args.kind)?;
    let an = analyzer(args.model.as_ref())?;
    let a = if html {
        an.analyze_html(&input)
    } else {
        an.analyze(&input)
    };
    let text = a.sift.source.as_deref().unwrap_or(&input);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let write_err = |e: std::io::Error| format!("cannot write output: {e}");
    match args.format {
        SpinFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&a).map_err(|e| e.to_string())?
        ),
        SpinFormat::Text => {
            use std::io::IsTerminal;
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            write!(out, "{}", spin_report(text, &a, color, args.all))
        }
    }
    .and_then(|()| out.flush())
    .map_err(write_err)?;
    Ok(ExitCode::SUCCESS)
}

/// The text report of `spinsift spin`.
fn spin_report(text: &str, a: &spinsift::spin::Analysis, color: bool, all: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut o = String::new();
    let pct = |p: f32| format!("{:.0}%", p * 100.0);
    o.push_str(&format!(
        "{} {:.2}  (expected share of sentences using a technique)\n",
        paint("1", "spin"),
        a.score
    ));
    o.push_str(&format!(
        "language {}{}\n",
        a.lang.as_deref().unwrap_or("unknown"),
        if a.reliable {
            ""
        } else {
            "  (unreliable: too short or a language the model was not trained on)"
        }
    ));
    let list = |v: &[spinsift::spin::LabelScore], n: usize| {
        v.iter()
            .take(n)
            .map(|l| format!("{} {}", l.name, pct(l.p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    o.push_str(&format!("genre    {}\n", list(&a.genre, 3)));
    o.push_str(&format!("frames   {}\n", list(&a.frames, 4)));
    o.push_str(&format!("{}\n", paint("1", "techniques")));
    for t in a.techniques.iter().filter(|t| t.count > 0).take(8) {
        o.push_str(&format!(
            "  {:<34} {:>4}  {} sentence{}  ({})\n",
            t.name,
            pct(t.p),
            t.count,
            if t.count == 1 { "" } else { "s" },
            t.family
        ));
    }
    if a.techniques.iter().all(|t| t.count == 0) {
        o.push_str("  none above threshold\n");
    }
    o.push_str(&format!("{}\n", paint("1", "sentences")));
    for s in &a.sentences {
        if !all && s.techniques.is_empty() {
            continue;
        }
        // The sentence with its cues highlighted.
        let mut cues: Vec<&spinsift::spin::Cue> =
            s.techniques.iter().flat_map(|t| &t.cues).collect();
        cues.sort_by_key(|c| c.span.start);
        let mut line = String::new();
        let mut at = s.span.start;
        for c in cues {
            if c.span.start < at {
                continue;
            }
            line.push_str(&text[at..c.span.start]);
            line.push_str(&paint("1;33", &text[c.span.start..c.span.end]));
            at = c.span.end;
        }
        line.push_str(&text[at..s.span.end]);
        let p = pct(s.p);
        o.push_str(&format!(
            "  [{}] {}\n",
            if s.p >= 0.5 { paint("31", &p) } else { p },
            line
        ));
        for t in &s.techniques {
            let cues: Vec<String> = t.cues.iter().map(|c| format!("\"{}\"", c.text)).collect();
            o.push_str(&format!(
                "        {} {}{}\n",
                paint("36", &t.name),
                pct(t.p),
                if cues.is_empty() {
                    String::new()
                } else {
                    format!("  cues: {}", cues.join(", "))
                }
            ));
        }
    }
    o
}

fn semeval_predict(args: &PredictArgs) -> Result<ExitCode, String> {
    use spinsift::spin::labels::TECHNIQUES;
    let an = analyzer(args.model.as_ref())?;
    let articles = spinsift::semeval::read_articles(&args.articles)?;
    if articles.is_empty() {
        return Err(format!(
            "no article*.txt files in {}",
            args.articles.display()
        ));
    }
    let mut out = String::new();
    for a in &articles {
        let lang = an.detect_lang(&a.text);
        let lang = lang.as_deref();
        match args.task {
            1 => {
                let (_, genre) = an.document_labels(&a.text, lang);
                let g = genre.first().map_or("reporting", |g| g.name.as_str());
                out.push_str(&format!("{}\t{g}\n", a.id));
            }
            2 => {
                let (frames, _) = an.document_labels(&a.text, lang);
                let mut names: Vec<&str> = frames
                    .iter()
                    .filter(|f| f.1)
                    .map(|f| f.0.name.as_str())
                    .collect();
                if names.is_empty() {
                    // Every article has a frame: fall back to the likeliest.
                    names.extend(frames.first().map(|f| f.0.name.as_str()));
                }
                out.push_str(&format!("{}\t{}\n", a.id, names.join(",")));
            }
            _ => {
                let lines: Vec<(usize, &str)> = (1..=a.lines.len())
                    .filter_map(|n| a.line(n).map(|l| (n, l)))
                    .filter(|(_, l)| !l.trim().is_empty())
                    .collect();
                let texts: Vec<&str> = lines.iter().map(|l| l.1).collect();
                for ((n, _), s) in lines.iter().zip(an.score_paragraphs(&texts, lang)) {
                    let names: Vec<&str> = s.techniques.iter().map(|t| TECHNIQUES[t.0].0).collect();
                    out.push_str(&format!("{}\t{n}\t{}\n", a.id, names.join(",")));
                }
            }
        }
    }
    std::fs::write(&args.out, out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    eprintln!(
        "wrote predictions for {} articles to {}",
        articles.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn semeval_eval(args: &ScoreArgs) -> Result<ExitCode, String> {
    use spinsift::semeval::{read_doc_labels, read_paragraph_labels, score};
    use spinsift::spin::labels::{FAMILIES, FRAMES, GENRES, TECHNIQUES, family_of, technique};
    let (gold, pred) = if args.task == 3 {
        (
            read_paragraph_labels(&args.gold)?,
            read_paragraph_labels(&args.pred)?,
        )
    } else {
        let flat = |m: std::collections::HashMap<String, Vec<String>>| {
            let mut v: Vec<(String, usize, Vec<String>)> =
                m.into_iter().map(|(k, l)| (k, 0, l)).collect();
            v.sort();
            v
        };
        (
            flat(read_doc_labels(&args.gold)?),
            flat(read_doc_labels(&args.pred)?),
        )
    };
    let names: Vec<&str> = match args.task {
        1 => GENRES.to_vec(),
        2 => FRAMES.to_vec(),
        _ => TECHNIQUES.iter().map(|t| t.0).collect(),
    };
    let s = score(&gold, &pred, &names, &|l| Some(l.to_string()));
    println!(
        "{} items; micro-F1 {:.4}  macro-F1 {:.4}",
        s.items,
        s.micro_f1(),
        s.macro_f1()
    );
    println!(
        "{:<40} {:>6} {:>6} {:>6} {:>7}",
        "label", "tp", "fp", "fn", "F1"
    );
    for l in &s.labels {
        println!(
            "{:<40} {:>6} {:>6} {:>6} {:>7.3}",
            l.0,
            l.1,
            l.2,
            l.3,
            s.f1(&l.0).unwrap_or(0.0)
        );
    }
    if args.task == 3 {
        let fam = score(&gold, &pred, &FAMILIES, &|l| {
            technique(l).map(|t| family_of(t).to_string())
        });
        println!(
            "families: micro-F1 {:.4}  macro-F1 {:.4}",
            fam.micro_f1(),
            fam.macro_f1()
        );
        for l in &fam.labels {
            println!("  {:<38} {:>7.3}", l.0, fam.f1(&l.0).unwrap_or(0.0));
        }
    }
    Ok(ExitCode::SUCCESS)
}
