"""Home: what the workbook is for, the benchmark that frames it, and each interview's next step."""

from functools import partial

import streamlit as st

from followthrough.services import home
from ui import advice, clock, navigation, paging, resources, screens, tables
from ui.text import plain

wb, pack = resources.workbook(), resources.content()


def _load_sample() -> None:
    st.session_state["home_flash"] = home.load_sample(wb, pack, clock.today())


ASKING = "home_remove_sample_asking"


def _ask_remove_sample(asking: bool) -> None:
    st.session_state[ASKING] = asking


def _remove_sample() -> None:
    st.session_state.pop(ASKING, None)
    st.session_state["home_flash"] = home.remove_sample(wb, pack)


view = screens.home_view(wb, pack, clock.now())  # cached per data version
SHOWN = 5  # due steps and interview cards rendered at first; a button shows more
words = view.words
badges = {
    "done": words.badges.done,
    "due": words.badges.due,
    "overdue": words.badges.overdue,
    "upcoming": words.badges.upcoming,
}

st.title("Follow-Through")
st.markdown(words.intro)
if flash := st.session_state.pop("home_flash", None):
    st.success(flash)

for before in view.leading:  # an interview today: the card comes first
    advice.before_you_go(before)
if view.has_interviews:
    st.subheader(words.due_title)
    if view.overdue:
        st.warning(view.overdue)
    if not view.due:
        st.info(plain(view.nothing_due))
for line in paging.first("home_due_shown", view.due, SHOWN):
    with st.container(border=True):
        # One element for the title and the action: a rerun's work goes by elements.
        title = f"{badges[line.state.value]} · **{plain(line.title)}** · {line.step}"
        st.markdown(f"{title}  \n{plain(line.action)}")
        st.caption(plain(line.reason))
        st.page_link(
            navigation.STEP_PAGES[line.step_id],
            label=line.open_step,
            icon="➡️",
            query_params={"interview": str(line.interview_id)},
        )

paging.more("home_due_shown", view.due, SHOWN, words.show_more.say)

benchmark = view.benchmark
st.subheader(benchmark.title)
with st.container(horizontal=True):
    for figure in benchmark.figures:
        st.metric(figure.label, figure.value)
st.caption(benchmark.caption)

if view.rehearse:
    st.info(plain(view.rehearse))
    st.page_link(navigation.PRACTICE, label=words.practice_link, icon="🎯")

st.subheader(words.interviews_title)
if not view.has_interviews and view.has_applications:
    st.info(words.no_interviews)
    st.page_link(navigation.INTERVIEWS, label=words.record_link, icon="➡️")
elif not view.has_interviews:
    st.info(words.empty)
    st.page_link(navigation.INTERVIEWS, label=words.record_first_link, icon="➡️")
    st.button(words.load_sample, key="home_load_sample", on_click=_load_sample)
for card in paging.first("home_cards_shown", view.cards, SHOWN):
    with st.container(border=True):
        st.markdown(f"**{plain(card.title)}**  \n{plain(card.next_action)}")
        # One line, not a column each: four columns of two elements were most of a card's work.
        st.caption(" · ".join(f"{plain(b.step)} {badges[b.state.value]}" for b in card.steps))
        if card.silent:  # past the date they gave, and no word from them
            st.info(plain(card.silent))
            waiting = partial(advice.waiting, view.waiting)
            paging.fold(view.waiting.title, f"home_waiting_{card.interview_id}", waiting)
        if card.before is not None:
            ahead = partial(advice.before_you_go, card.before)
            paging.fold(words.before_you_go, f"home_before_{card.interview_id}", ahead)
        st.page_link(
            navigation.STEP_PAGES[card.next_step_id],
            label=card.open_step,
            icon="➡️",
            query_params={"interview": str(card.interview_id)},
        )
paging.more("home_cards_shown", view.cards, SHOWN, words.show_more.say)
if view.earlier:
    with st.expander(view.earlier_title):
        st.dataframe(tables.arrow(view.earlier), hide_index=True, key="home_earlier")
if view.has_sample and st.session_state.get(ASKING):  # asked first: it cannot be undone
    with st.container(border=True, key="home_remove_sample_box"):
        st.warning(plain(home.remove_sample_question(wb, pack)))
        yes, no = st.columns(2)
        yes.button(words.remove_sample_yes, key="home_remove_sample_yes", on_click=_remove_sample)
        no.button(
            words.remove_sample_no,
            key="home_remove_sample_no",
            on_click=_ask_remove_sample,
            args=(False,),
        )
elif view.has_sample:
    st.button(
        words.remove_sample, key="home_remove_sample", on_click=_ask_remove_sample, args=(True,)
    )
