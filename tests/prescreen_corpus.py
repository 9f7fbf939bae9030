"""
Realistic stories for the pre-screens, each with what a careful moderator would flag: the
"could identify someone" kind (IDENTIFY) and the "may need urgent care" kind (URGENT). Names,
numbers and places are invented (phone numbers from ranges that look real to libphonenumber).
"""

from stories.prescreen import IDENTIFY, URGENT

# (display name, story, the kinds a moderator would flag)
CORPUS = [
    # --- Nothing to flag: everyday stories -----------------------------------------------------
    (
        "Jo",
        "The infusions were long but the nurses were lovely. By summer I was walking further than in years.",
        set(),
    ),
    ("Sam", "Round one was five days in March 2021. I felt wiped out for a month, then slowly better.", set()),
    ("Priya", "I had a rash on day two and they slowed the drip. It settled within hours.", set()),
    ("Alex", "Monthly blood tests became routine. I book them on the same day each month so I don't forget.", set()),
    ("Mo", "My thyroid went overactive eighteen months after round two. Tablets sorted it out.", set()),
    ("Kate", "I took a book, a blanket and snacks to every infusion. Bring a phone charger too!", set()),
    ("Dee", "In 2019 I had some bruising on my legs and called my MS team. It turned out to be nothing.", set()),
    ("Rob", "Three years on I have had no relapses. I still do my monthly urine test and yearly skin check.", set()),
    ("Lou", "The steroids before each infusion kept me awake, so I watched films until 3am.", set()),
    ("Chris", "I was scared of the side effects but the nurse explained every one of them.", set()),
    ("Anna", "Work let me go part time for a while. Talk to your employer early, it helps.", set()),
    ("Ben", "Had 8 infusions over two years: 5 days then 3 days. Would do it again.", set()),
    ("Ellie", "I got a cold sore after round one. Annoying but harmless for me.", set()),
    ("Tom", "The hospital car park cost a fortune over five days, so check if you get a permit.", set()),
    ("Sue", "Last year I had a nosebleed that would not stop, and the ward saw me the same day. All fine now.", set()),
    ("Gemma", "My neurologist and I talked for an hour before deciding. I'm glad we took our time.", set()),
    ("Nia", "The day unit had big windows. Watching the rain for four hours was oddly calming.", set()),
    ("Raj", "Side effects for me: headache, a rash, tiredness. All gone within a week.", set()),
    ("Mark", "Christmas Day was two weeks after round two and I managed the whole dinner.", set()),
    ("Helen", "I keep a diary of my blood results. It makes the monthly tests feel like progress.", set()),
    ("Grace", "The leaflet says bruising is a warning sign, so I check my skin every evening.", set()),
    ("Lily", "My bleeding gums have stopped now that my platelets are back up.", set()),
    ("Jack", "I treated myself to a new coat from John Lewis after round two.", set()),
    ("Zara", "My nurse Claire was lovely and always remembered my name.", set()),
    ("Omar", "Ring 111 or 999 if you notice bruising or bleeding: that's what my team told me.", set()),
    # --- Could identify someone ---------------------------------------------------------------
    ("Jo", "If anyone wants to talk, ring me on 07911 123456, evenings are best.", {IDENTIFY}),
    ("Sam", "Email me at sam.taylor1984@gmail.com if you're starting soon.", {IDENTIFY}),
    ("Lou", "Dr Patel at the clinic was brilliant and explained everything.", {IDENTIFY}),
    ("Kate", "I had my infusions at St Mary's Hospital and the staff were wonderful.", {IDENTIFY}),
    ("Alex", "I live at 14 Rose Street, so the day unit was only a short bus ride away.", {IDENTIFY}),
    ("Priya", "Our village is near CF10 3AT, and the drive in took an hour each day.", {IDENTIFY}),
    ("Ben", "I was born on 12 March 1985, so I was 36 when I started.", {IDENTIFY}),
    ("Mo", "My wife Sarah Jenkins sat with me through all five days.", {IDENTIFY}),
    ("Chris", "The MS nurse, Sister Morris, rang me every week after round one.", {IDENTIFY}),
    ("Dee", "Call the ward on 020 7946 0018 if you want to ask them about it.", {IDENTIFY}),
    ("Rob", "Thanks to everyone at the Walton Centre and Aintree University Hospital.", {IDENTIFY}),
    ("Ellie", "My date of birth is 03/07/1990 and I was diagnosed at 25.", {IDENTIFY}),
    ("Tom", "Professor Hughes suggested Lemtrada after my third relapse in a year.", {IDENTIFY}),
    ("Fiona", "I was treated at Queen Square and then at Addenbrooke's for the follow-up.", {IDENTIFY}),
    ("Dan", "My consultant, Rachel O'Neill, answered every question I had.", {IDENTIFY}),
    # A full name shown as the author's: a moderator checks it is theirs to give (a display name can't vouch
    # for itself, and anyone can type another person's name into it).
    ("Helen Carter", "I'm Helen Carter and I'm happy to be named. I had round one in 2022.", {IDENTIFY}),
    # --- May need urgent care: said as happening now --------------------------------------------
    ("Sue", "My gums are bleeding when I brush and I have new bruises on my arms.", {URGENT}),
    ("Nia", "I've got tiny purple spots on my legs since yesterday. Is that normal?", {URGENT}),
    ("Raj", "There is blood in my urine this morning and it looks like tea.", {URGENT}),
    ("Gemma", "I have chest pain today, two days after my infusion.", {URGENT}),
    ("Mark", "My face is drooping on one side and my speech is slurred right now.", {URGENT}),
    ("Anna", "I keep getting nosebleeds that won't stop, and my periods are heavier than ever.", {URGENT}),
    ("Sam", "I'm coughing up blood at the moment and feel short of breath.", {URGENT}),
    ("Jo", "Still bruising easily this week even though I haven't knocked anything.", {URGENT}),
    ("Ian", "Woke up with a crushing pain across my chest and my left arm feels heavy.", {URGENT}),
    ("Beth", "My wee has been a dark brown colour for two days.", {URGENT}),
    # --- Both --------------------------------------------------------------------------------
    ("Kate", "I'm bleeding from my gums now. Please call me on 07825 123456.", {URGENT, IDENTIFY}),
]
