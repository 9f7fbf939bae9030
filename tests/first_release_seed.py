"""The content the first release loaded (the old pages/seed.py), to test upgrading an install that holds it."""

from datetime import date

from django.conf import settings

REVIEWED = date(2026, 11, 25)
NEXT_REVIEW = date(2027, 11, 25)

EPAR_URL = "https://www.ema.europa.eu/en/medicines/human/EPAR/lemtrada"

# The leaflet link the first release had (a search page; the site links the leaflet itself now).
FIRST_RELEASE_LEAFLET_URL = "https://www.medicines.org.uk/emc/search?q=Lemtrada"
LEAFLET = f"[Lemtrada Patient Information Leaflet]({FIRST_RELEASE_LEAFLET_URL}), manufacturer's leaflet"
EPAR = f"[Lemtrada: product information]({EPAR_URL}), European Medicines Agency"
YELLOW_CARD = f"[Yellow Card scheme]({settings.SIDE_EFFECT_REPORTING_URL}), the UK medicines regulator's scheme"


def sources(*items):
    return "\n".join(f"- {item}" for item in items)


PAGES = [
    {
        "slug": "home",
        "title": "Lemtrada (alemtuzumab) for relapsing-remitting MS",
        "navigation_label": "About Lemtrada",
        "position": 0,
        "summary": "What Lemtrada is, who it is for, and where to find out more.",
        "body": """\
Lemtrada is a medicine for relapsing-remitting multiple sclerosis (MS). Its other name is alemtuzumab.

It is a disease-modifying drug (DMD). It aims to cut down the number of relapses and slow MS down.
It does not cure MS.

## Who it is for

Lemtrada is for adults with **active** or **very active** relapsing-remitting MS.
Your consultant will talk with you about whether it is right for you.

## How it is given

You have Lemtrada through a drip into a vein. Most people have two short courses, a year apart.
[Read how the treatment is given](/treatment/).

## Checks after treatment

Some side effects can appear months or years later. So you will have regular checks for at least
4 years after your last course. [Read about monitoring](/monitoring/).

## Where to go next

- [How Lemtrada is given](/treatment/)
- [Monitoring after treatment](/monitoring/)
- [Side effects, and which ones need help the same day](/side-effects/)
- [Stories from people who have had Lemtrada](/stories/)
""",
        "sources": sources(LEAFLET, EPAR),
    },
    {
        "slug": "treatment",
        "title": "How Lemtrada is given",
        "navigation_label": "Treatment",
        "position": 10,
        "summary": "Lemtrada is given by a drip in two short courses a year apart, with more only if you need them.",
        "body": """\
You have Lemtrada through a drip into a vein. This is called an intravenous infusion.

- Each infusion takes about 4 hours.
- After each infusion, the hospital team will watch you closely for 2 hours.

## Your two courses

Most people have 8 infusions in all, given in two courses:

1. **Year one:** 5 infusions, one a day on 5 days in a row (5 consecutive days).
2. **A year later:** 3 infusions, one a day on 3 days in a row (3 consecutive days).

## Extra courses

You and your consultant may decide that you need more treatment.

- Each extra course is 3 infusions on 3 days in a row.
- An extra course is given at least 12 months after your last course.
- You can have more than one extra course if you and your consultant decide you need it.

## After your infusions

Your checks start after your first dose and go on for years. [Read about monitoring](/monitoring/).
""",
        "sources": sources(LEAFLET, EPAR),
    },
    {
        "slug": "monitoring",
        "title": "Monitoring after Lemtrada",
        "navigation_label": "Monitoring",
        "position": 20,
        "summary": "Monthly tests and self-checks, and a yearly skin check, for at least 4 years after treatment.",
        "body": """\
Some side effects of Lemtrada can start months or even years after treatment.
Regular checks find them early, when they are easier to treat.

Your checks start after your **first dose**. They go on for **at least 4 years after your last course**.
If you have an extra course, the 4 years start again from that course.

## Every month

- a blood test
- a urine test
- self-checks: looking out for the warning signs your MS team shows you, such as unusual bruising or bleeding

## Every year

- a skin check

## Why it matters

Keep going to your tests even when you feel well. Many side effects have no signs at first and show up
only in a blood or urine test.

If you notice a warning sign between tests, do not wait for your next one: contact your MS team.
[See the side effects that need help the same day](/side-effects/).
""",
        "sources": sources(LEAFLET, EPAR),
    },
]

SIDE_EFFECTS = [
    # Common
    {
        "slug": "infusion-reactions",
        "name": "Infusion reactions",
        "band": "common",
        "position": 10,
        "summary": "Headache, rash, fever or feeling sick (nausea) during or soon after an infusion.",
        "description": """\
Infusion reactions happen during an infusion or in the day or so after it. They can include:

- headache
- rash
- fever
- feeling sick (nausea)

You may be given medicines before each infusion to make these reactions less likely.
""",
        "what_to_do": """\
Tell the nurse straight away if you feel unwell during an infusion.
After you go home, tell your MS team about any reaction.
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
    {
        "slug": "infections",
        "name": "Infections",
        "band": "common",
        "position": 20,
        "summary": "Coughs, colds, chest infections and herpes virus infections such as cold sores or shingles.",
        "description": """\
Lemtrada lowers some of your white blood cells for a while, so you can catch infections more easily. They include:

- coughs and colds
- chest infections
- herpes virus infections, such as cold sores or shingles
""",
        "what_to_do": """\
Tell your MS team if you have signs of an infection, such as a fever, or a cold sore or rash that does not
clear up. You may be given a medicine to take during the first month after each course to lower the risk
of herpes infections.
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
    {
        "slug": "overactive-or-underactive-thyroid",
        "name": "Overactive or underactive thyroid",
        "band": "common",
        "position": 30,
        "summary": "Your thyroid gland may make too much or too little hormone.",
        "description": """\
The thyroid is a gland in your neck that controls how fast your body works.

- **Overactive thyroid** (too much hormone): you may sweat, lose weight, feel anxious or have a fast heartbeat.
- **Underactive thyroid** (too little hormone): you may feel tired, cold or low, or put on weight.

These problems can start years after treatment. Your monthly blood test checks for them.
""",
        "what_to_do": """\
Keep going to your monthly blood tests. Tell your MS team if you notice any of these signs.
Thyroid problems can usually be treated with medicines.
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
    {
        "slug": "low-white-blood-cells",
        "name": "Fewer white blood cells (lymphopenia)",
        "band": "common",
        "position": 40,
        "summary": "A fall in the white blood cells that help fight infection.",
        "description": """\
Lemtrada works by lowering some of your white blood cells, called lymphocytes. This fall is called
lymphopenia. Your levels come back up slowly over the months after treatment.

While they are low, you may catch infections more easily.
""",
        "what_to_do": """\
Your blood tests will check your white blood cells. Tell your MS team if you have signs of an infection,
such as a fever.
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
    {
        "slug": "blood-pressure-and-heart-rate-changes",
        "name": "Changes in blood pressure or heart rate",
        "band": "common",
        "position": 50,
        "summary": "Your blood pressure or heart rate may go up or down, mostly around the time of an infusion.",
        "description": """\
Your blood pressure may go up or down, and your heart may beat faster or slower than usual.
This happens mostly during an infusion or soon after it, which is one reason you are watched closely then.
""",
        "what_to_do": """\
Tell the nurse straight away if you feel dizzy, faint or short of breath, or if your heart feels like it is
racing or pounding during an infusion. If this happens after you go home, contact your MS team.
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
    {
        "slug": "muscle-and-joint-pain",
        "name": "Muscle and joint pain",
        "band": "common",
        "position": 60,
        "summary": "Aches and pains in your muscles, joints or back (musculoskeletal pain).",
        "description": """\
Some people get aches and pains in their muscles, joints or back. Doctors call this musculoskeletal pain.
""",
        "what_to_do": """\
Tell your MS team if the pain bothers you or does not go away. They can suggest ways to ease it.
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
    # Less common
    {
        "slug": "itp",
        "name": "Immune thrombocytopenia (ITP)",
        "band": "less_common",
        "position": 10,
        "summary": "A bleeding disorder: too few platelets, so you bruise or bleed easily.",
        "description": """\
Immune thrombocytopenia (ITP) means your body attacks its own platelets. Platelets are the blood cells
that help blood to clot. With too few of them you can bruise or bleed easily, and bleeding can be serious.

ITP is a bleeding disorder, not a clotting disorder. It can start years after treatment.
Your monthly blood test checks your platelets.
""",
        "what_to_do": """\
ITP can be treated, and it is easier to treat when it is found early. If you notice any of the warning signs on this
page, do not wait for your next blood test.
""",
        "urgent": True,
        "urgent_signs": """\
- small red, pink or purple spots on your skin
- bruising easily
- bleeding from a cut that is hard to stop
- periods that are heavier, longer or more frequent than usual, or bleeding between periods
- nosebleeds or bleeding gums that are new or hard to stop
- coughing up blood
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
    {
        "slug": "kidney-problems",
        "name": "Kidney problems",
        "band": "less_common",
        "position": 20,
        "summary": "Your immune system can attack your kidneys. This needs treatment quickly.",
        "description": """\
Rarely, your immune system can attack your kidneys. One form, anti-GBM disease, can also affect your lungs.
It can start years after treatment. Your monthly urine and blood tests check for it.
""",
        "what_to_do": """\
Kidney problems can be treated, and early treatment protects your kidneys.
If you notice any of the warning signs on this page, do not wait for your next test.
""",
        "urgent": True,
        "urgent_signs": """\
- blood in your urine: it may look red or the colour of tea
- swelling in your legs or feet
- coughing up blood
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
    {
        "slug": "other-thyroid-disorders",
        "name": "Other thyroid disorders",
        "band": "less_common",
        "position": 30,
        "summary": "Less common thyroid problems, such as an inflamed or swollen thyroid gland.",
        "description": """\
Besides an overactive or underactive thyroid, Lemtrada can less often cause other thyroid problems.
These include an inflamed thyroid gland (thyroiditis) or a swelling in the front of your neck (goitre).
""",
        "what_to_do": """\
Tell your MS team if you notice a swelling or pain in the front of your neck. Your monthly blood test
also checks how your thyroid is working.
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
    {
        "slug": "raised-liver-enzymes",
        "name": "Raised liver enzymes",
        "band": "less_common",
        "position": 40,
        "summary": "Blood tests may show higher levels of liver enzymes, a sign the liver is under strain.",
        "description": """\
Your blood tests may show higher levels of liver enzymes. This can be a sign that your liver is
inflamed. Often there are no signs you would notice yourself.
""",
        "what_to_do": """\
Keep going to your blood tests. Contact your MS team promptly if your skin or the whites of your eyes
turn yellow, your urine is dark, or you feel sick, very tired or lose your appetite for no reason.
""",
        "sources": sources(LEAFLET, YELLOW_CARD),
    },
]


def review_defaults(entry):
    """Every seeded entry starts published, reviewed on the day the content was written."""
    return {
        **entry,
        "status": "published",
        "last_reviewed": REVIEWED,
        "next_review_due": NEXT_REVIEW,
    }
