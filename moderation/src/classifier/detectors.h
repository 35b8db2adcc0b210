#pragma once

#include "classifier/analysis.h"
#include "classifier/lexicon.h"
#include "classifier/text_model.h"

// The detectors, run in this order by the engine. Each reads the analysis (normalised tokens,
// lexicon matches, earlier findings) and appends findings; none does I/O or keeps state.
namespace schoolmod::moderation::classifier {

// Marks who each token refers to (roles, titles with names, full names, pronouns). First.
void FindPeople(Analysis& a);
// Who an insulting word at tokens [first, last] is aimed at; kNone if no one, kSchool if the
// school itself ("this school is a joke"). `name_called`: the words are a lexicon term that
// names a person ("prick", "wasteman"), as the insult-noun class does.
Target InsultTarget(const Analysis& a, std::size_t first, std::size_t last,
                    bool name_called = false);
// Phone numbers, emails, links and postcodes in the original bytes (Analysis::phones...).
void ScanContacts(Analysis& a);
// Lexicon terms: profanity, insults, slurs, sexual words; honours allow-list context rules.
void DetectLexicon(const Lexicon& lexicon, Analysis& a);
// Phone numbers, emails, addresses, a child's name with class, health and private details.
void DetectPersonalData(Analysis& a);
// Scams, giveaways, crypto, adult spam, shortened and lookalike links.
void DetectSpam(Analysis& a);
// Insults aimed at a person without swear words, and harassment (campaigns, mockery).
void DetectInsults(Analysis& a);
// Discrimination by protected characteristic without slurs.
void DetectHate(Analysis& a);
// Discrimination in words no rule above knows, by the learnt model: for a person to judge.
void DetectHateByModel(const ModelBank& models, std::size_t model, Analysis& a);
// Threats of violence, veiled or explicit.
void DetectThreats(Analysis& a);
// Sexual content and sexual comments about people.
void DetectSexual(Analysis& a);
// A child at risk: disclosures, self-harm, neglect, grooming, threats to a child.
void DetectSafeguarding(Analysis& a);
// A child at risk in words no rule above knows, by the learnt model: for the DSL to read.
void DetectSafeguardingByModel(const ModelBank& models, std::size_t model, Analysis& a);
// A pupil known by first name and class ("Zayan in 10B") in a comment about a child at risk:
// the school community knows who the disclosure is about, so it is personal data as a full name
// would be. After the safeguarding detectors.
void ExposeChildAtRisk(Analysis& a);
// Unproven allegations against named staff.
void DetectDefamation(Analysis& a);
// Questions, requests and complaints that need a response; praise.
void DetectResponse(Analysis& a);
// The hate model's finding removes the comment when the score is far past the threshold and the
// comment asks the school nothing: a question, however put, is for a person to answer. Last.
void ConfirmHateByModel(const ModelBank& models, std::size_t model, Analysis& a);

}  // namespace schoolmod::moderation::classifier
