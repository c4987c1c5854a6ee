//! Runs a parsed command: each subcommand's arguments handed to its module.

use super::Outcome;
use super::args::{Command, GlossaryCommand};
use super::glossary;
use crate::glossary::write::{self, Selector};

/// Runs `command` and returns its exit status or why it stopped.
pub fn run(command: Command) -> Outcome {
    match command {
        Command::Ingest {
            paths,
            listing,
            output,
            batch,
            read,
        } => super::ingest::run(paths, listing, output, batch, read),
        Command::Text {
            file,
            body,
            outline,
            read,
        } => super::text::run(file, body, outline, read),
        Command::Info { paths, jobs, read } => super::info::run(paths, jobs, read),
        Command::Tmx { files, output } => super::tmx::run(files, output),
        Command::Qa(args) => super::qa::run(args),
        Command::Review(args) => super::review::run(args),
        Command::Omegat {
            paths,
            target,
            source,
            memories,
            output,
            batch,
            read,
        } => {
            let request = super::omegat::ProjectRequest {
                paths,
                project: output,
                target,
                source,
                glossaries: batch.glossary,
                memories,
                srx: batch.srx,
                jobs: batch.jobs,
            };
            super::omegat::run(request, read)
        }
        Command::Xliff {
            paths,
            target,
            source,
            version,
            inline_terms,
            output,
            overwrite,
            batch,
            read,
        } => {
            let options = crate::xliff::Options {
                target,
                source,
                inline_terms,
                prefill_targets: false,
            };
            let request = super::xliff::Request {
                paths,
                output,
                glossaries: batch.glossary,
                srx: batch.srx,
                jobs: batch.jobs,
                version,
                options,
                overwrite,
            };
            super::xliff::run(request, read)
        }
        Command::Segment { lang, srx, file } => super::segment::run(lang, &srx, file),
        Command::Glossary { command } => match command {
            GlossaryCommand::Lint { files } => glossary::lint_glossaries(&files),
            GlossaryCommand::Add { file, id, fields } => {
                let fields = fields.into_fields(id);
                glossary::edit_glossary(&file, |g| write::add_entry(g, &fields))
            }
            GlossaryCommand::Remove { file, select } => {
                let selector = select.selector();
                glossary::edit_glossary(&file, |g| write::remove_entries(g, &selector))
            }
            GlossaryCommand::Import { from, file, output } => {
                glossary::import_glossary(from, &file, output)
            }
            GlossaryCommand::Export {
                to,
                file,
                source,
                target,
                output,
            } => glossary::export_glossary(to, &file, (source, target), output),
            GlossaryCommand::Stats {
                file,
                paths,
                min_frequency,
                read,
            } => glossary::glossary_stats(&file, &paths, min_frequency, read),
            GlossaryCommand::Suggest {
                paths,
                glossary,
                min_frequency,
                limit,
                read,
            } => glossary::suggest_terms(&glossary, &paths, min_frequency, limit, read),
            GlossaryCommand::Set {
                file,
                select_id,
                new_id,
                fields,
            } => {
                let fields = fields.into_fields(new_id);
                glossary::edit_glossary(&file, |g| {
                    write::set_fields(g, &Selector::Id(select_id), &fields)
                })
            }
        },
    }
}
