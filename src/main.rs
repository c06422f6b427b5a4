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
    about = "Strip scraping junk from news articles (and, soon, spot spin)."
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
    /// Batch mode: read JSON lines `{"id": …, "text": …}`, write one result line each.
    #[arg(long)]
    jsonl: bool,
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
    /// Input file; `-` or nothing reads standard input.
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Remove scraping junk from article text.
    Sift(SiftArgs),
    /// Train the line classifier with linfa and write a model file.
    #[cfg(feature = "train")]
    TrainLines(spinsift::train::TrainArgs),
    /// Print precision/recall/F1 of the sifter on the shared corpora; fail below floors.
    #[cfg(feature = "train")]
    Eval(spinsift::train::EvalArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Sift(args) => run_sift(args),
        #[cfg(feature = "train")]
        Command::TrainLines(args) => spinsift::train::train_lines(&args),
        #[cfg(feature = "train")]
        Command::Eval(args) => spinsift::train::eval(&args),
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
            let Some(text) = value.get("text").and_then(|t| t.as_str()) else {
                failures += 1;
                let err = serde_json::json!({"id": id, "error": "missing string field \"text\""});
                writeln!(out, "{err}").map_err(write_err)?;
                continue;
            };
            let r = sifter.sift(text);
            let mut obj = match args.format {
                Format::Json => serde_json::to_value(&r).map_err(|e| e.to_string())?,
                Format::Text => serde_json::json!({"text": r.text}),
                Format::Markdown => serde_json::json!({"text": markdown(&r)}),
            };
            if let Some(map) = obj.as_object_mut() {
                map.insert("id".into(), id);
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
    let text = spinsift::input::decode(&bytes).map_err(|e| {
        let name = args
            .file
            .as_ref()
            .map_or("standard input".to_string(), |p| p.display().to_string());
        format!("{name}: {e}")
    })?;
    let r = sifter.sift(text);
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
            BlockKind::ListItem | BlockKind::Paragraph => b.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}
